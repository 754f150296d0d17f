import { describe, expect, it } from 'vitest';
import { canGrantRole, ROLES } from './roles.ts';

describe('canGrantRole: nobody grants a role above their own', () => {
  it('lets an administrator grant every role', () => {
    for (const role of ROLES) expect(canGrantRole('admin', role)).toBe(true);
  });

  it('refuses a role with a permission the granter lacks', () => {
    expect(canGrantRole('health_officer', 'admin')).toBe(false);
    // A command centre reads cases but does not write them: it cannot make a health station.
    expect(canGrantRole('command_center', 'health_station')).toBe(false);
    expect(canGrantRole('health_station', 'viewer')).toBe(true);
  });
});

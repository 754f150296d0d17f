import { describe, expect, it } from 'vitest';
import { foundByOf } from './found-by.ts';

const order = {
  exposureDate: '2021-08-01',
  quarantineStart: '2021-08-01',
  quarantineEnd: '2021-08-15',
  policyCode: 'quarantine/cv-5599-byt-mt', // 14 days, then 14 days of monitoring
};

describe('foundByOf: how a case was found, from the facts', () => {
  it('is in quarantine on the first and the last day of the order', () => {
    expect(foundByOf({ sampledOn: '2021-08-01', exposures: [order] }).foundBy).toBe('in_quarantine');
    expect(foundByOf({ sampledOn: '2021-08-15', exposures: [order] }).foundBy).toBe('in_quarantine');
  });

  it('is by tracing while monitored after release, and community the day after monitoring ends', () => {
    expect(foundByOf({ sampledOn: '2021-08-16', exposures: [order] }).foundBy).toBe('contact_tracing');
    expect(foundByOf({ sampledOn: '2021-08-29', exposures: [order] }).foundBy).toBe('contact_tracing');
    expect(foundByOf({ sampledOn: '2021-08-30', exposures: [order] }).foundBy).toBe('community');
  });

  it('beats a stated "community" but keeps a stated arrival when nobody was following the person', () => {
    expect(foundByOf({ sampledOn: '2021-08-05', exposures: [order], stated: 'community' }).foundBy).toBe(
      'in_quarantine',
    );
    expect(foundByOf({ sampledOn: '2021-10-01', exposures: [order], stated: 'arrival' }).foundBy).toBe(
      'arrival',
    );
  });

  it('ignores exposures after the sample', () => {
    expect(foundByOf({ sampledOn: '2021-07-31', exposures: [order] }).foundBy).toBe('community');
  });

  it('follows an F1 without quarantine (CV 1909) for the self-monitoring days', () => {
    const noQuarantine = { exposureDate: '2022-05-01', policyCode: 'quarantine/cv-1909-byt-dp' };
    expect(foundByOf({ sampledOn: '2022-05-11', exposures: [noQuarantine] }).foundBy).toBe('contact_tracing');
    expect(foundByOf({ sampledOn: '2022-05-12', exposures: [noQuarantine] }).foundBy).toBe('community');
  });

  it('says why', () => {
    expect(foundByOf({ sampledOn: '2021-08-05', exposures: [order] }).reasons[0]).toContain('01/08/2021');
  });
});

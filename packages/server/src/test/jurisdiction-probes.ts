import type { Pool } from '../db/pool.ts';
import type { Client } from './harness.ts';

/** How to call one route against the victim's records: path parameters, query string, body. */
export interface ProbeRequest {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
}

export interface ProbeFixture {
  /** Keyed by 'METHOD /api/v1/pattern', exactly as the route was registered. */
  requests: Record<string, ProbeRequest>;
  /** Strings of the victim's data that must never reach an account outside its jurisdiction. */
  secrets: string[];
}

/** The victim is a commune account of Phường Tân Phong (03387), TP Lai Châu (105), Lai Châu (12). */
export const VICTIM_UNIT = '03387';

export type ProbeSetup = (ctx: { victim: Client; pool: Pool }) => Promise<ProbeFixture>;

/**
 * Each capability adds a setup here that creates its records in the victim's commune and says
 * how to address them through its routes. The walk test fails on any route without one.
 */
export const PROBES: ProbeSetup[] = [
  async ({ victim }) => {
    const household = (
      await victim.post('/api/v1/households', { unitCode: VICTIM_UNIT, address: 'Số 7 bí mật' })
    ).json();
    const person = (
      await victim.post('/api/v1/persons', {
        fullName: 'Quàng Thị Bímật',
        birthDate: '1988-08-08',
        sex: 'female',
        idNumber: '012188077701',
        phone: '0977000111',
        unitCode: VICTIM_UNIT,
        householdId: household.id,
      })
    ).json();
    return {
      secrets: [person.id, 'Bímật', 'bimat', '012188077701', '0977000111', household.id],
      requests: {
        'GET /api/v1/persons': { query: 'q=bimat' },
        'GET /api/v1/persons/:id': { params: { id: person.id } },
        'PATCH /api/v1/persons/:id': { params: { id: person.id }, body: { address: 'đổi' } },
        'POST /api/v1/persons': {
          body: { fullName: 'Người Lạ', birthDate: '1990-01-01', sex: 'male', unitCode: VICTIM_UNIT },
        },
        'POST /api/v1/households': { body: { unitCode: VICTIM_UNIT } },
      },
    };
  },
];

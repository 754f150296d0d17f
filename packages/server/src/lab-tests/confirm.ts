import {
  type Confirmation,
  confirmationOf,
  type FoundBy,
  type TestKind,
  type TestPerformer,
  type TestResult,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.ts';
import { type CaseRow, caseInScope, caseOut } from '../cases/queries.ts';
import { createCase } from '../cases/service.ts';
import type { PoolClient } from '../db/pool.ts';
import { query, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';

/**
 * How far back an exposure makes a positive person "epidemiologically linked" (an F1): the
 * longest F1 quarantine of the period, 21 days (CĐ 600/CĐ-BCĐ, 05/05/2021; see domain quarantine.ts).
 */
export const RECENT_EXPOSURE_DAYS = 21;

export interface ResultFacts {
  testId: string;
  personId: string;
  kind: TestKind;
  performer: TestPerformer;
  result: TestResult;
  sampledAt: Date;
  resultedAt: Date | null;
  symptomatic?: boolean | null;
  epidemiologicalLink?: boolean | null;
  foundBy?: FoundBy | null;
}

export interface ResultOutcome {
  confirmation: Confirmation;
  /** The F0 case the result confirmed: created now, or the person's active case. */
  case?: ReturnType<typeof caseOut>;
  /** Why a confirming result opened no case (e.g. a reinfection too soon after the last case). */
  caseRefused?: { code: string; message: string };
}

/** The calendar day (in Vietnam) of a result: it chooses the case definition in force. */
export function resultDay(facts: Pick<ResultFacts, 'sampledAt' | 'resultedAt'>): string {
  return todayInVietnam(facts.resultedAt ?? facts.sampledAt);
}

/** Of these people, those exposed to a case in the days before their result date (F1s). */
export async function recentlyExposed(
  c: PoolClient,
  people: { personId: string; day: string }[],
): Promise<Set<string>> {
  if (people.length === 0) return new Set();
  const rows = await query<{ personId: string }>(
    c,
    sql`SELECT DISTINCT k.person_id AS "personId"
          FROM unnest(${sql.param(people.map((p) => p.personId))}::uuid[], ${sql.param(people.map((p) => p.day))}::date[]) AS q(person_id, day)
          JOIN contacts k ON k.person_id = q.person_id
           AND k.exposure_date BETWEEN q.day - ${RECENT_EXPOSURE_DAYS}::int AND q.day`,
  );
  return new Set(rows.map((r) => r.personId));
}

/** The whole judgement of one result: the definition's answer with its reasons. */
export function judge(facts: ResultFacts, exposed: boolean): Confirmation {
  return confirmationOf({
    kind: facts.kind,
    performer: facts.performer,
    result: facts.result,
    resultDate: resultDay(facts),
    symptomatic: facts.symptomatic === true,
    epidemiologicalLink: facts.epidemiologicalLink === true || exposed,
  });
}

/**
 * Judges a result and, when it confirms a case, opens the F0 case (in the caller's transaction)
 * or returns the person's active one. A suspected result only proposes a case. With `open` false
 * (a form sent again), an active case is returned but none is opened.
 */
export async function caseFromResult(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  facts: ResultFacts,
  opts: { exposed?: boolean; open?: boolean } = {},
): Promise<ResultOutcome> {
  const day = resultDay(facts);
  const exposed =
    opts.exposed ??
    (facts.result === 'positive' && (await recentlyExposed(c, [{ personId: facts.personId, day }])).size > 0);
  const confirmation = judge(facts, exposed);
  if (confirmation.outcome !== 'confirmed') return { confirmation };
  const active = await activeCase(c, me, facts.personId);
  if (active) return { confirmation, case: caseOut(active) };
  if (opts.open === false) return { confirmation };
  try {
    const row = await createCase(c, me, request, {
      personId: facts.personId,
      detectedOn: day,
      foundBy: facts.foundBy ?? null,
      sampledOn: todayInVietnam(facts.sampledAt),
      confirmTestId: facts.testId,
    });
    return { confirmation, case: caseOut(row) };
  } catch (err) {
    // createCase refuses before it writes anything (reinfection too soon, person died): the
    // result stays recorded and the refusal is shown next to it.
    if (err instanceof AppError && err.status < 500) {
      return { confirmation, caseRefused: { code: err.code, message: err.message } };
    }
    throw err;
  }
}

async function activeCase(c: PoolClient, me: Principal, personId: string): Promise<CaseRow | undefined> {
  const [row] = await query<{ id: string }>(
    c,
    sql`SELECT id FROM cases WHERE person_id = ${personId} AND status = 'active'`,
  );
  return row ? caseInScope(c, me, row.id) : undefined;
}

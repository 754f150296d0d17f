import { randomUUID } from 'node:crypto';
import {
  checkDose,
  type DoseFacts,
  type DoseFlag,
  type DoseKind,
  formatVnDate,
  nextDose,
  productOfName,
  vaccineProduct,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { inTransaction, type Pool, type PoolClient } from '../../db/pool.ts';
import { AppError, badInput, notFound } from '../../http/errors.ts';
import { pageOf } from '../../http/pagination.ts';
import { todayInVietnam } from '../../http/time.ts';
import {
  correctionReasons,
  currentDosesOf,
  type DoseFactsRow,
  type DosePersonRow,
  type DoseRow,
  doseInScope,
  dosePersonInScope,
  dosesOfPerson,
  doseWithNationalId,
  pendingDoseRows,
  type ReviewFilters,
} from './queries.ts';

/** What a form or a client sends to record a dose. */
export interface DoseInput {
  doseNumber: number;
  kind?: DoseKind;
  /** A product code or a name as people write it ("Pfizer", "AZ", "Vero Cell"). */
  product: string;
  lot?: string;
  givenOn: string;
  site?: string;
  /** Mã mũi tiêm of the national platform, once the dose is synced. */
  nationalId?: string;
}

/** A correction: the fields that change (the others are kept) and why. */
export type CorrectionInput = Partial<DoseInput> & { reason: string };

export interface ReviewInput {
  decision: 'accepted' | 'rejected';
  note?: string;
}

/** The product of a dose told at the door without its name: flagged unknown_product, for a reviewer. */
export const UNKNOWN_PRODUCT = 'unknown';

const PERSON_NOT_FOUND = 'Không tìm thấy người này trong địa bàn của bạn';
const DOSE_NOT_FOUND = 'Không tìm thấy mũi tiêm này hoặc mũi tiêm ở ngoài địa bàn của bạn';

/**
 * A flag in words when the rule check cannot word it again (the doses around it changed since):
 * what each code means, for people (STYLE: no code on a screen).
 */
const FLAG_WORDS: Record<DoseFlag['code'], string> = {
  before_campaign: 'Ngày tiêm trước ngày bắt đầu tiêm chủng COVID-19',
  unknown_product: 'Không rõ loại vắc xin',
  too_young: 'Người được tiêm chưa đủ tuổi theo quy định tại thời điểm tiêm',
  product_age: 'Loại vắc xin không dùng cho độ tuổi của người được tiêm',
  interval_too_short: 'Khoảng cách với mũi trước ngắn hơn quy định',
  booster_not_allowed: 'Mũi nhắc lại chưa đúng quy định',
  additional_window: 'Mũi bổ sung ngoài khoảng thời gian quy định',
  mixed_paediatric: 'Trẻ dưới 12 tuổi phải tiêm 2 mũi cùng một loại vắc xin',
  sequence: 'Số thứ tự mũi tiêm không khớp với các mũi đã có',
};

const REVIEW_WORDS: Record<string, string> = {
  accepted: 'đã được duyệt',
  rejected: 'đã bị loại',
  none: 'không cần duyệt',
};

/** Optional text as stored: trimmed, and absent when blank. */
function textOrNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** A dose's facts as the rules read them. */
function factsOf(d: { doseNumber: number; kind: string; product: string; givenOn: string }): DoseFacts {
  return { doseNumber: d.doseNumber, kind: d.kind as DoseKind, product: d.product, givenOn: d.givenOn };
}

/** The doses the rules compare a dose with: the person's other current doses a reviewer did not reject. */
function previousOf(current: readonly DoseFactsRow[], except?: string): DoseFacts[] {
  return current.filter((d) => d.id !== except && d.reviewStatus !== 'rejected').map(factsOf);
}

/**
 * The kind a dose is when the form does not say: within the primary series of the person's first
 * product (three doses for Abdala, one for Janssen), else a booster.
 */
function kindOf(doseNumber: number, product: string, previous: readonly DoseFacts[]): DoseKind {
  const first = previous
    .filter((d) => d.kind === 'primary')
    .sort((a, b) => a.givenOn.localeCompare(b.givenOn))[0];
  const series = vaccineProduct(first?.product ?? product)?.primaryDoses ?? 2;
  return doseNumber <= series ? 'primary' : 'booster';
}

/** A stored dose's flags in words: worded again by the rules where they still apply, else by code. */
function flagsInWords(
  dose: { id: string; flags: string[] } & Parameters<typeof factsOf>[0],
  birthDate: string,
  current: readonly DoseFactsRow[],
): DoseFlag[] {
  if (dose.flags.length === 0) return [];
  const check = checkDose({ birthDate, previous: previousOf(current, dose.id), dose: factsOf(dose) });
  const words = new Map(check.flags.map((f) => [f.code, f.message]));
  return dose.flags.map((code) => ({
    code: code as DoseFlag['code'],
    message: words.get(code as DoseFlag['code']) ?? FLAG_WORDS[code as DoseFlag['code']] ?? code,
  }));
}

/** A dose as the API shows it. */
function doseOut(row: DoseRow, flags: DoseFlag[]) {
  return {
    id: row.id,
    personId: row.personId,
    doseNumber: row.doseNumber,
    kind: row.kind,
    product: row.product,
    productName:
      vaccineProduct(row.product)?.name ??
      (row.product === UNKNOWN_PRODUCT ? FLAG_WORDS.unknown_product : row.product),
    lot: row.lot,
    givenOn: row.givenOn,
    site: row.site,
    nationalId: row.nationalId,
    /** On the national platform: it has a mã mũi tiêm. */
    synced: row.nationalId !== null,
    flags,
    reviewStatus: row.reviewStatus,
    reviewNote: row.reviewNote,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedByName,
    source: row.source,
    unitCode: row.unitCode,
    createdAt: row.createdAt,
    createdBy: row.createdByName,
  };
}

/**
 * The fields of a dose, checked against the person and today in Vietnam: a known product, a date
 * neither in the future nor before birth (nor after death). The policy rules are not checked here:
 * they never refuse, they flag (checkDose).
 */
function checkedFields(
  input: DoseInput,
  person: DosePersonRow,
  today: string,
  productUnknown = false,
): {
  doseNumber: number;
  kind?: DoseKind;
  product: string;
  lot: string | null;
  givenOn: string;
  site: string | null;
  nationalId: string | null;
} {
  const product = productUnknown ? UNKNOWN_PRODUCT : productOfName(input.product);
  if (!product) {
    throw badInput(
      `Không rõ loại vắc xin "${input.product.trim()}"; hãy chọn một loại trong danh sách`,
      'product',
      'unknown_product',
    );
  }
  if (input.givenOn > today) {
    throw badInput(
      `Ngày tiêm (${formatVnDate(input.givenOn)}) không được sau hôm nay (${formatVnDate(today)})`,
      'givenOn',
      'given_on_future',
    );
  }
  if (input.givenOn < person.birthDate) {
    throw badInput(
      `Ngày tiêm (${formatVnDate(input.givenOn)}) trước ngày sinh (${formatVnDate(person.birthDate)})`,
      'givenOn',
      'given_before_birth',
    );
  }
  if (person.deceasedOn && input.givenOn > person.deceasedOn) {
    throw badInput(
      `Ngày tiêm (${formatVnDate(input.givenOn)}) sau ngày mất (${formatVnDate(person.deceasedOn)})`,
      'givenOn',
      'given_after_death',
    );
  }
  return {
    doseNumber: input.doseNumber,
    kind: input.kind,
    product,
    lot: textOrNull(input.lot),
    givenOn: input.givenOn,
    site: textOrNull(input.site),
    nationalId: textOrNull(input.nationalId),
  };
}

function refuseMerged(person: DosePersonRow): void {
  if (person.mergedInto) {
    throw new AppError(
      409,
      'person_merged',
      'Hồ sơ này đã được gộp vào một hồ sơ khác; hãy ghi mũi tiêm vào hồ sơ còn lại',
      'personId',
      undefined,
      { mergedInto: person.mergedInto },
    );
  }
}

function doseTaken(doseNumber: number, existing: { id: string; givenOn: string }): AppError {
  return new AppError(
    409,
    'dose_number_taken',
    `Người này đã có mũi ${doseNumber} (tiêm ngày ${formatVnDate(existing.givenOn)}). Nếu mũi đó ghi sai, hãy dùng "Sửa" trên mũi đó thay vì ghi thêm`,
    'doseNumber',
    undefined,
    { existingId: existing.id },
  );
}

async function refuseTakenNationalId(
  c: PoolClient,
  provinceCode: string,
  nationalId: string | null,
  except?: string,
): Promise<void> {
  if (!nationalId) return;
  const other = await doseWithNationalId(c, provinceCode, nationalId, except);
  if (other) {
    throw new AppError(
      409,
      'national_id_taken',
      `Mã mũi tiêm ${nationalId} đã được dùng cho một mũi tiêm khác`,
      'nationalId',
    );
  }
}

/**
 * Two requests that both passed the checks above (an import and a form at once): the unique index
 * decides, and the loser hears which field collided instead of a generic conflict.
 */
function uniqueViolation(err: unknown, doseNumber: number | undefined): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'vaccine_doses_person_dose_idx') {
    throw new AppError(
      409,
      'dose_number_taken',
      `Người này vừa được ghi ${doseNumber ? `mũi ${doseNumber}` : 'mũi tiêm cùng số thứ tự'} bởi một thao tác khác; hãy tải lại trang để xem`,
      'doseNumber',
    );
  }
  if (e.code === '23505' && e.constraint === 'vaccine_doses_national_id_idx') {
    throw new AppError(
      409,
      'national_id_taken',
      'Mã mũi tiêm này vừa được dùng cho một mũi tiêm khác',
      'nationalId',
    );
  }
  throw err;
}

/** A flagged dose waits for a reviewer; a clean one needs none. */
const reviewStatusOf = (flags: DoseFlag[]) => (flags.length > 0 ? 'pending' : 'none');

/**
 * Records a dose of a person inside the jurisdiction, as given: the rules in force on its date
 * flag what breaks them (the dose then waits for a reviewer, counting meanwhile), never refuse.
 * The same dose number twice is refused (409 naming doseNumber): a wrong dose is corrected.
 */
export async function recordDose(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  personId: string,
  input: DoseInput,
) {
  return inTransaction(pool, (c) => recordDoseIn(c, me, request, personId, input));
}

/** Where a dose was recorded from (vaccine_doses.source), for the callers that are not the form. */
export interface DoseOrigin {
  /** 'entry' (the form), 'door' (a mobile team vaccinated here), 'elsewhere' (told at the door). */
  source: 'entry' | 'door' | 'elsewhere';
  /** Told at the door without the product: recorded as unknown, flagged for review (unknown_product). */
  productUnknown?: boolean;
}

/**
 * recordDose inside the caller's transaction (a door-to-door mark records its dose with its mark):
 * the same checks, flags, 409s and audit.
 */
export async function recordDoseIn(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  personId: string,
  input: DoseInput,
  origin: DoseOrigin = { source: 'entry' },
) {
  try {
    // The person is locked: two doses of one person recorded at once are written one after the other.
    const person = await dosePersonInScope(c, me, personId, true);
    if (!person) throw new AppError(404, 'person_not_found', PERSON_NOT_FOUND, 'personId');
    refuseMerged(person);
    const fields = checkedFields(input, person, todayInVietnam(), origin.productUnknown);
    const current = await currentDosesOf(c, [person.id]);
    const taken = current.find((d) => d.doseNumber === fields.doseNumber);
    if (taken) throw doseTaken(fields.doseNumber, taken);
    await refuseTakenNationalId(c, person.provinceCode, fields.nationalId);
    const previous = previousOf(current);
    const dose = { ...fields, kind: fields.kind ?? kindOf(fields.doseNumber, fields.product, previous) };
    const check = checkDose({ birthDate: person.birthDate, previous, dose: factsOf(dose) });
    const id = randomUUID();
    await insertDose(c, me, id, person, dose, check.flags, origin.source);
    await recordAudit(c, request, {
      action: 'create',
      entity: 'vaccine_dose',
      entityId: id,
      place: { unitCode: person.unitCode, provinceCode: person.provinceCode },
      detail: {
        personId: person.id,
        doseNumber: dose.doseNumber,
        product: dose.product,
        givenOn: dose.givenOn,
        flags: check.flags.map((f) => f.code),
        ...(origin.source === 'entry' ? {} : { source: origin.source }),
      },
    });
    return await savedDose(c, person, id);
  } catch (err) {
    uniqueViolation(err, input.doseNumber);
  }
}

async function insertDose(
  c: PoolClient,
  me: Principal,
  id: string,
  person: DosePersonRow,
  dose: ReturnType<typeof checkedFields> & { kind: DoseKind },
  flags: DoseFlag[],
  source: DoseOrigin['source'] = 'entry',
): Promise<void> {
  await c.query(
    `INSERT INTO vaccine_doses (id, province_code, person_id, unit_code, dose_number, kind, product, lot,
                                given_on, site, national_id, flags, review_status, source, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $15, $14)`,
    [
      id,
      person.provinceCode,
      person.id,
      person.unitCode,
      dose.doseNumber,
      dose.kind,
      dose.product,
      dose.lot,
      dose.givenOn,
      dose.site,
      dose.nationalId,
      flags.map((f) => f.code),
      reviewStatusOf(flags),
      me.accountId,
      source,
    ],
  );
}

/** A dose just written, as the API shows it, its flags worded against the person's doses now. */
async function savedDose(c: PoolClient, person: DosePersonRow, id: string) {
  const [rows, current] = await Promise.all([dosesOfPerson(c, person), currentDosesOf(c, [person.id])]);
  const row = rows.find((r) => r.id === id)!;
  return doseOut(row, flagsInWords(row, person.birthDate, current));
}

/**
 * Corrects a dose: the fields sent replace the old ones, the rest are kept; in one transaction
 * the old dose is marked superseded by the new one's id, then the new one is inserted (checked
 * by the rules again), and the reason is audited. The old dose stays as history.
 */
export async function correctDose(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  doseId: string,
  input: CorrectionInput,
) {
  const reason = input.reason.trim();
  if (!reason) throw badInput('Hãy ghi lý do sửa mũi tiêm', 'reason', 'reason_required');
  try {
    return await inTransaction(pool, async (c) => {
      const old = await doseInScope(c, me, doseId, true);
      if (!old) throw notFound(DOSE_NOT_FOUND);
      if (old.supersededBy) {
        throw new AppError(
          409,
          'dose_superseded',
          'Mũi tiêm này đã được sửa trước đó; hãy sửa bản mới nhất',
          undefined,
          undefined,
          { supersededBy: old.supersededBy },
        );
      }
      const person = old.person;
      refuseMerged(person);
      const fields = checkedFields(
        {
          doseNumber: input.doseNumber ?? old.doseNumber,
          kind: input.kind ?? (input.doseNumber === undefined ? (old.kind as DoseKind) : undefined),
          product: input.product ?? old.product,
          lot: input.lot ?? old.lot ?? undefined,
          givenOn: input.givenOn ?? old.givenOn,
          site: input.site ?? old.site ?? undefined,
          nationalId: input.nationalId ?? old.nationalId ?? undefined,
        },
        person,
        todayInVietnam(),
        input.product === undefined && old.product === UNKNOWN_PRODUCT,
      );
      const current = await currentDosesOf(c, [person.id]);
      const taken = current.find((d) => d.id !== old.id && d.doseNumber === fields.doseNumber);
      if (taken) throw doseTaken(fields.doseNumber, taken);
      await refuseTakenNationalId(c, person.provinceCode, fields.nationalId, old.id);
      const previous = previousOf(current, old.id);
      const dose = { ...fields, kind: fields.kind ?? kindOf(fields.doseNumber, fields.product, previous) };
      const changed = (
        ['doseNumber', 'kind', 'product', 'lot', 'givenOn', 'site', 'nationalId'] as const
      ).filter((k) => dose[k] !== old[k]);
      if (changed.length === 0) {
        throw badInput(
          'Bản sửa giống hệt mũi tiêm cũ: hãy đổi ít nhất một thông tin',
          undefined,
          'nothing_changed',
        );
      }
      const check = checkDose({ birthDate: person.birthDate, previous, dose: factsOf(dose) });
      const id = randomUUID();
      // Superseded first (one current dose per number), its platform id handed to the new dose.
      await c.query('UPDATE vaccine_doses SET superseded_by = $2, national_id = NULL WHERE id = $1', [
        old.id,
        id,
      ]);
      await insertDose(c, me, id, person, dose, check.flags);
      await recordAudit(c, request, {
        action: 'correct',
        entity: 'vaccine_dose',
        entityId: id,
        place: { unitCode: person.unitCode, provinceCode: person.provinceCode },
        detail: {
          personId: person.id,
          supersedes: old.id,
          reason,
          changed,
          before: Object.fromEntries(changed.map((k) => [k, old[k]])),
          after: Object.fromEntries(changed.map((k) => [k, dose[k]])),
          flags: check.flags.map((f) => f.code),
        },
      });
      return savedDose(c, person, id);
    });
  } catch (err) {
    uniqueViolation(err, input.doseNumber);
  }
}

/**
 * A reviewer's decision on a flagged dose: accepted, it keeps counting without a flag to look at;
 * rejected, it stops counting (the coverage triggers follow in this transaction). A rejection says why.
 */
export async function reviewDose(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  doseId: string,
  input: ReviewInput,
) {
  const note = textOrNull(input.note);
  if (input.decision === 'rejected' && !note) {
    throw badInput('Hãy ghi lý do loại mũi tiêm này', 'note', 'note_required');
  }
  return inTransaction(pool, async (c) => {
    const dose = await doseInScope(c, me, doseId, true);
    if (!dose) throw notFound(DOSE_NOT_FOUND);
    if (dose.supersededBy) {
      throw new AppError(
        409,
        'dose_superseded',
        'Mũi tiêm này đã được sửa; hãy duyệt bản mới nhất',
        undefined,
      );
    }
    if (dose.reviewStatus !== 'pending') {
      throw new AppError(
        409,
        'not_pending',
        `Mũi tiêm này ${REVIEW_WORDS[dose.reviewStatus] ?? 'không chờ duyệt'}`,
        'decision',
      );
    }
    await c.query(
      `UPDATE vaccine_doses SET review_status = $2, review_note = $3, reviewed_by = $4, reviewed_at = now()
        WHERE id = $1 AND province_code = $5`,
      [dose.id, input.decision, note, me.accountId, dose.provinceCode],
    );
    await recordAudit(c, request, {
      action: 'review',
      entity: 'vaccine_dose',
      entityId: dose.id,
      place: { unitCode: dose.unitCode, provinceCode: dose.provinceCode },
      detail: { personId: dose.personId, decision: input.decision, note, flags: dose.flags },
    });
    return savedDose(c, dose.person, dose.id);
  });
}

/**
 * A person's doses: the current ones in dose order, each superseded one with what replaced it and
 * why, and the next dose due by the rules in force today. Audited as a read of the person.
 */
export async function personDoses(pool: Pool, me: Principal, request: FastifyRequest, personId: string) {
  const person = await dosePersonInScope(pool, me, personId);
  if (!person) throw new AppError(404, 'person_not_found', PERSON_NOT_FOUND);
  const rows = await dosesOfPerson(pool, person);
  recordRead(pool, request, {
    action: 'read',
    entity: 'person',
    entityId: person.id,
    place: { unitCode: person.unitCode, provinceCode: person.provinceCode },
    detail: { doses: rows.length },
  });
  const current: DoseFactsRow[] = rows.filter((r) => !r.supersededBy);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const reasons = await correctionReasons(
    pool,
    rows.filter((r) => r.supersededBy).map((r) => r.supersededBy!),
  );
  const out = (r: DoseRow) => doseOut(r, flagsInWords(r, person.birthDate, current));
  const today = todayInVietnam();
  const next = person.mergedInto
    ? null
    : nextDose({ birthDate: person.birthDate, doses: previousOf(current), asOf: today });
  return {
    personId: person.id,
    doses: rows.filter((r) => !r.supersededBy).map(out),
    superseded: rows
      .filter((r) => r.supersededBy)
      .map((r) => {
        const by = byId.get(r.supersededBy!);
        return {
          ...out(r),
          supersededBy: by
            ? {
                id: by.id,
                doseNumber: by.doseNumber,
                givenOn: by.givenOn,
                reason: reasons.get(by.id) ?? null,
              }
            : {
                id: r.supersededBy!,
                doseNumber: null,
                givenOn: null,
                reason: reasons.get(r.supersededBy!) ?? null,
              },
        };
      }),
    next: next && {
      doseNumber: Math.min(next.doseNumber, 6),
      kind: next.kind,
      dueOn: next.dueOn,
      overdue: next.overdue,
      policy: next.policy,
    },
    today,
  };
}

/** One page of flagged doses waiting for review, each with its person and its flags in words. Audited. */
export async function pendingReviews(pool: Pool, me: Principal, request: FastifyRequest, q: ReviewFilters) {
  const rows = await pendingDoseRows(pool, me, q);
  const page = pageOf(rows, q.limit, (r) => [r.createdKey, r.id]);
  const current = await currentDosesOf(pool, [...new Set(page.items.map((r) => r.personId))]);
  const byPerson = new Map<string, DoseFactsRow[]>();
  for (const d of current) byPerson.set(d.personId, [...(byPerson.get(d.personId) ?? []), d]);
  recordRead(pool, request, {
    action: 'list',
    entity: 'vaccine_dose',
    detail: { review: true, unit: q.unit, count: page.items.length },
  });
  return {
    items: page.items.map((r) => ({
      ...doseOut(r, flagsInWords(r, r.birthDate, byPerson.get(r.personId) ?? [])),
      person: { id: r.personId, fullName: r.fullName, birthDate: r.birthDate },
    })),
    next: page.next,
  };
}

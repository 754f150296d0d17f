import { randomUUID } from 'node:crypto';
import {
  addDays,
  ageOn,
  type DoseFacts,
  type DoseKind,
  daysBetween,
  formatVnDate,
  nextDose,
  VACCINATION_POLICIES,
  vaccineProduct,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { inTransaction, type Pool, type PoolClient } from '../../db/pool.ts';
import { AppError, badInput } from '../../http/errors.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { todayInVietnam } from '../../http/time.ts';
import { recordDoseIn, UNKNOWN_PRODUCT } from '../doses/service.ts';
import {
  type DoorMarkRow,
  type DoorPersonRow,
  doorPeople,
  insertMark,
  lastDoseOn,
  type MarkPersonRow,
  markPersonInScope,
  setGone,
  villagesOf,
} from './queries.ts';

/** The youngest age any policy vaccinates at: who may be on a list at all (nextDose decides the rest). */
const MIN_AGE = Math.min(...VACCINATION_POLICIES.map((p) => p.primaryMinAge));

/** Households read per statement while filling a page with households that have someone due. */
const CHUNK = 200;
/** The same for a print: a commune in one or two statements (each reads the commune's residents once). */
const PRINT_CHUNK = 5000;
/** A printed list is a commune's or a village's: beyond this many households, pick a village. */
export const MAX_PRINT_HOUSEHOLDS = 3000;

export const MARKS = [
  'vaccinated_here',
  'vaccinated_elsewhere',
  'refused',
  'deferred',
  'moved_away',
  'deceased',
] as const;
export type MarkKind = (typeof MARKS)[number];

/** The words of each mark, for the printed list (the web has its own through i18n). */
export const MARK_WORDS: Record<MarkKind, string> = {
  vaccinated_here: 'Đã tiêm tại chỗ',
  vaccinated_elsewhere: 'Đã tiêm nơi khác',
  refused: 'Từ chối tiêm',
  deferred: 'Hoãn tiêm',
  moved_away: 'Đã chuyển đi',
  deceased: 'Đã mất',
};

export interface DoorQuery {
  unit?: string;
  village?: string;
  asOf?: string;
  /** Also list people whose dose falls due within this many days after asOf (0: due by asOf). */
  within?: number;
  cursor?: string;
  limit?: number;
}

/** One person of a list: who, the doses so far, the next dose and when, the latest mark. */
export interface DoorPerson {
  id: string;
  fullName: string;
  birthDate: string;
  age: number;
  sex: string;
  phone: string | null;
  doses: { doseNumber: number; kind: string; product: string; productName: string; givenOn: string }[];
  next: {
    doseNumber: number;
    kind: DoseKind;
    /** The first day the dose may be given, moved to the end of a deferral. */
    dueOn: string;
    /** overdue: dueOn before asOf; due: on asOf; soon: within the window asked. */
    status: 'overdue' | 'due' | 'soon';
    overdueDays: number;
    deferredUntil: string | null;
  } | null;
  lastMark: DoorMarkRow | null;
}

export interface DoorHousehold {
  /** The household's id, or the person's own for someone not in a household. */
  key: string;
  householdId: string | null;
  address: string;
  village: string;
  persons: DoorPerson[];
}

/** A window long enough to show any next dose (the card after a mark shows when the next one falls due). */
const ANY_DAY = 36_500;

const PERSON_NOT_FOUND = 'Không tìm thấy người này trong địa bàn của bạn';

/** The commune (or island district) a list is for: inside the jurisdiction, default the caller's. */
async function communeOf(pool: Pool | PoolClient, me: Principal, code: string | undefined) {
  const unitCode = code ?? (me.unit?.level === 'commune' ? me.unit.code : undefined);
  if (!unitCode) {
    throw badInput('Hãy chọn xã, phường hoặc thị trấn cần lập danh sách', 'unit', 'unit_required');
  }
  const unit = await me.scope.unitInside(pool, unitCode, 'unit');
  if (unit.level === 'province' || (unit.level === 'district' && (unit.unitCodes?.length ?? 0) > 0)) {
    throw badInput(
      `${unit.name} gồm nhiều xã: hãy chọn một xã, phường hoặc thị trấn để đi từng nhà`,
      'unit',
      'unit_not_commune',
    );
  }
  return unit;
}

function asOfOf(asOf: string | undefined): string {
  const today = todayInVietnam();
  if (asOf && asOf > today) {
    throw badInput(
      `Ngày lập danh sách (${formatVnDate(asOf)}) không được sau hôm nay (${formatVnDate(today)})`,
      'asOf',
      'as_of_future',
    );
  }
  return asOf ?? today;
}

function doseFacts(row: DoorPersonRow): DoseFacts[] {
  return row.doses.map((d) => ({
    doseNumber: d.doseNumber,
    kind: d.kind as DoseKind,
    product: d.product,
    givenOn: d.givenOn,
  }));
}

function productName(code: string): string {
  return vaccineProduct(code)?.name ?? (code === UNKNOWN_PRODUCT ? 'Không rõ loại vắc xin' : code);
}

/** A person as the list shows them on a day: the next dose by the policy in force, a deferral moving it. */
function personOf(row: DoorPersonRow, asOf: string, within: number): DoorPerson {
  const due = nextDose({ birthDate: row.birthDate, doses: doseFacts(row), asOf });
  let next: DoorPerson['next'] = null;
  if (due) {
    const mark = row.lastMark;
    const deferredUntil =
      mark?.mark === 'deferred' && mark.until && mark.until > due.dueOn ? mark.until : null;
    const dueOn = deferredUntil ?? due.dueOn;
    next = {
      doseNumber: due.doseNumber,
      kind: due.kind,
      dueOn,
      status: dueOn < asOf ? 'overdue' : dueOn === asOf ? 'due' : 'soon',
      overdueDays: Math.max(0, daysBetween(dueOn, asOf)),
      deferredUntil,
    };
    if (dueOn > addDays(asOf, within)) next = null;
  }
  return {
    id: row.id,
    fullName: row.fullName,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, asOf),
    sex: row.sex,
    phone: row.phone,
    doses: row.doses.map((d) => ({
      doseNumber: d.doseNumber,
      kind: d.kind,
      product: d.product,
      productName: productName(d.product),
      givenOn: d.givenOn,
    })),
    next,
    lastMark: row.lastMark,
  };
}

interface Filled {
  households: DoorHousehold[];
  /** The last household read, when more may follow. */
  after: [string, number, string, string] | null;
}

/**
 * Reads households village by village and house by house, a chunk per statement, keeping those with someone due, until
 * `limit` households are kept or the commune ends. Each chunk is one statement (no per-person reads).
 */
async function fill(
  db: Pool,
  unit: { code: string; provinceCode: string },
  q: { asOf: string; within: number; village?: string; after?: [string, number, string, string] },
  limit: number,
  chunk = CHUNK,
): Promise<Filled> {
  const households: DoorHousehold[] = [];
  let after = q.after;
  for (;;) {
    const rows = await doorPeople(db, {
      provinceCode: unit.provinceCode,
      unitCode: unit.code,
      asOf: q.asOf,
      minAge: MIN_AGE,
      village: q.village,
      after,
      households: chunk,
    });
    const groups: DoorPersonRow[][] = [];
    for (const row of rows) {
      const last = groups[groups.length - 1];
      if (last && last[0].hkey === row.hkey && last[0].address === row.address) last.push(row);
      else groups.push([row]);
    }
    for (const group of groups) {
      const first = group[0];
      after = [first.village, first.house, first.address, first.hkey];
      const persons = group.map((r) => personOf(r, q.asOf, q.within)).filter((p) => p.next);
      if (persons.length === 0) continue;
      households.push({
        key: first.hkey,
        householdId: first.householdId,
        address: first.address,
        village: first.village,
        persons,
      });
      if (households.length === limit) {
        const more = group !== groups[groups.length - 1] || groups.length === chunk;
        return { households, after: more ? after : null };
      }
    }
    if (groups.length < chunk) return { households, after: null };
  }
}

function windowOf(within: number | undefined): number {
  return within ?? 0;
}

/**
 * GET /vaccination/door: the households of a commune (or one of its villages) with the residents
 * due or overdue for their next dose on asOf (default today), a page of `limit` households. Audited.
 */
export async function doorList(pool: Pool, me: Principal, request: FastifyRequest, q: DoorQuery) {
  const unit = await communeOf(pool, me, q.unit);
  const asOf = asOfOf(q.asOf);
  const within = windowOf(q.within);
  const after = decodeCursor(q.cursor, ['text', 'int', 'text', 'uuid']);
  const page = await fill(pool, unit, { asOf, within, village: q.village, after }, q.limit ?? 20);
  recordRead(pool, request, {
    action: 'list',
    entity: 'person',
    place: { unitCode: unit.code, provinceCode: unit.provinceCode },
    detail: {
      door: true,
      unit: unit.code,
      village: q.village,
      asOf,
      count: page.households.reduce((n, h) => n + h.persons.length, 0),
    },
  });
  return {
    unit: { code: unit.code, name: unit.name },
    village: q.village ?? null,
    asOf,
    within,
    households: page.households,
    next: page.after ? encodeCursor(page.after) : null,
  };
}

/** The whole list for printing (bounded: a commune with more households asks for a village). */
export async function doorPrintList(pool: Pool, me: Principal, request: FastifyRequest, q: DoorQuery) {
  const unit = await communeOf(pool, me, q.unit);
  const asOf = asOfOf(q.asOf);
  const within = windowOf(q.within);
  const page = await fill(
    pool,
    unit,
    { asOf, within, village: q.village },
    MAX_PRINT_HOUSEHOLDS,
    PRINT_CHUNK,
  );
  if (page.after) {
    throw badInput(
      `Danh sách có hơn ${MAX_PRINT_HOUSEHOLDS.toLocaleString('vi-VN')} hộ: hãy chọn một thôn, bản hoặc tổ dân phố để in`,
      'village',
      'too_many_households',
    );
  }
  recordRead(pool, request, {
    action: 'export',
    entity: 'person',
    place: { unitCode: unit.code, provinceCode: unit.provinceCode },
    detail: {
      door: true,
      unit: unit.code,
      village: q.village,
      asOf,
      count: page.households.reduce((n, h) => n + h.persons.length, 0),
    },
  });
  return {
    unit: { code: unit.code, name: unit.name },
    village: q.village ?? null,
    asOf,
    households: page.households,
  };
}

/** GET /vaccination/door/villages: the villages of a commune and their residents, for the picker. */
export async function doorVillages(pool: Pool, me: Principal, q: { unit?: string }) {
  const unit = await communeOf(pool, me, q.unit);
  const villages = await villagesOf(pool, {
    provinceCode: unit.provinceCode,
    unitCode: unit.code,
    asOf: todayInVietnam(),
    minAge: MIN_AGE,
  });
  return { unit: { code: unit.code, name: unit.name }, villages };
}

/** What a mobile team sends for one person. */
export interface MarkInput {
  mark: MarkKind;
  /** Vaccinated (here: default today; elsewhere: required). */
  givenOn?: string;
  doseNumber?: number;
  product?: string;
  lot?: string;
  site?: string;
  /** Why a deferral (required) or a refusal (optional). */
  reason?: string;
  /** Deferred until (required, after today). */
  until?: string;
  /** Moved away or died on (default today). */
  onDate?: string;
}

/** The fields each mark takes; any other one sent is named as not belonging to it. */
const FIELDS: Record<MarkKind, (keyof MarkInput)[]> = {
  vaccinated_here: ['givenOn', 'doseNumber', 'product', 'lot', 'site'],
  vaccinated_elsewhere: ['givenOn', 'doseNumber', 'product', 'lot', 'site'],
  refused: ['reason'],
  deferred: ['reason', 'until'],
  moved_away: ['onDate', 'reason'],
  deceased: ['onDate'],
};

function textOrNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function refuseGone(person: MarkPersonRow): void {
  if (person.mergedInto) {
    throw new AppError(
      409,
      'person_merged',
      'Hồ sơ này đã được gộp vào một hồ sơ khác; hãy tải lại danh sách',
      'personId',
      undefined,
      { mergedInto: person.mergedInto },
    );
  }
  if (person.deceasedOn) {
    throw new AppError(
      409,
      'person_deceased',
      `Người này đã được ghi là đã mất ngày ${formatVnDate(person.deceasedOn)}; hãy tải lại danh sách`,
      'personId',
    );
  }
  if (person.leftOn) {
    throw new AppError(
      409,
      'person_left',
      `Người này đã được ghi là chuyển đi ngày ${formatVnDate(person.leftOn)}; hãy tải lại danh sách`,
      'personId',
    );
  }
}

/** A day a person moved away or died: not in the future, not before birth. */
function goneOn(input: MarkInput, person: MarkPersonRow, today: string): string {
  const on = input.onDate ?? today;
  const what = input.mark === 'deceased' ? 'Ngày mất' : 'Ngày chuyển đi';
  if (on > today) {
    throw badInput(
      `${what} (${formatVnDate(on)}) không được sau hôm nay (${formatVnDate(today)})`,
      'onDate',
      'on_date_future',
    );
  }
  if (on < person.birthDate) {
    throw badInput(
      `${what} (${formatVnDate(on)}) trước ngày sinh (${formatVnDate(person.birthDate)})`,
      'onDate',
      'on_date_before_birth',
    );
  }
  return on;
}

/**
 * POST /persons/:id/door-marks: a mobile team's mark on a person inside the jurisdiction, in one
 * transaction with its dose (recorded by the dose service: the same checks and flags), the person's
 * departure or death, and the audit; the coverage triggers follow in the same transaction. Returns
 * the mark and the person as the list now shows them (null once no longer a resident).
 */
export async function markPerson(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  personId: string,
  input: MarkInput,
) {
  for (const key of Object.keys(input) as (keyof MarkInput)[]) {
    if (key !== 'mark' && input[key] !== undefined && !FIELDS[input.mark].includes(key)) {
      throw badInput(`Thông tin này không dùng cho "${MARK_WORDS[input.mark]}"`, key, 'field_not_for_mark');
    }
  }
  const today = todayInVietnam();
  return inTransaction(pool, async (c) => {
    const person = await markPersonInScope(c, me.scope, personId);
    if (!person) throw new AppError(404, 'person_not_found', PERSON_NOT_FOUND, 'personId');
    refuseGone(person);
    const place = { unitCode: person.unitCode, provinceCode: person.provinceCode };
    let dose: { id: string; doseNumber: number; givenOn: string } | null = null;
    let onDate: string | null = null;
    let until: string | null = null;
    const reason = textOrNull(input.reason);
    switch (input.mark) {
      case 'vaccinated_here':
      case 'vaccinated_elsewhere': {
        const here = input.mark === 'vaccinated_here';
        if (here && !textOrNull(input.product)) {
          throw badInput('Hãy chọn loại vắc xin vừa tiêm', 'product', 'product_required');
        }
        if (!here && !input.givenOn) {
          throw badInput('Hãy ghi ngày đã tiêm ở nơi khác', 'givenOn', 'given_on_required');
        }
        if (!here && input.doseNumber === undefined) {
          throw badInput('Hãy ghi mũi thứ mấy đã tiêm ở nơi khác', 'doseNumber', 'dose_number_required');
        }
        const doseNumber = input.doseNumber ?? (await nextNumber(c, person, today));
        const productUnknown = !textOrNull(input.product);
        const saved = await recordDoseIn(
          c,
          me,
          request,
          person.id,
          {
            doseNumber,
            product: input.product ?? UNKNOWN_PRODUCT,
            lot: input.lot,
            site: input.site,
            givenOn: input.givenOn ?? today,
          },
          { source: here ? 'door' : 'elsewhere', productUnknown },
        );
        dose = { id: saved.id, doseNumber: saved.doseNumber, givenOn: saved.givenOn };
        onDate = saved.givenOn;
        break;
      }
      case 'refused':
        onDate = today;
        break;
      case 'deferred':
        if (!reason) throw badInput('Hãy ghi lý do hoãn tiêm', 'reason', 'reason_required');
        if (!input.until) throw badInput('Hãy chọn ngày hẹn tiêm lại', 'until', 'until_required');
        if (input.until <= today) {
          throw badInput(
            `Ngày hẹn tiêm lại (${formatVnDate(input.until)}) phải sau hôm nay (${formatVnDate(today)})`,
            'until',
            'until_not_future',
          );
        }
        onDate = today;
        until = input.until;
        break;
      case 'moved_away':
      case 'deceased': {
        onDate = goneOn(input, person, today);
        if (input.mark === 'deceased') {
          const last = await lastDoseOn(c, person);
          if (last && last > onDate) {
            throw badInput(
              `Ngày mất (${formatVnDate(onDate)}) trước mũi tiêm ngày ${formatVnDate(last)} đã ghi`,
              'onDate',
              'on_date_before_dose',
            );
          }
        }
        const column = input.mark === 'deceased' ? 'deceased_on' : 'left_on';
        await setGone(c, person, column, onDate, me.accountId);
        await recordAudit(c, request, {
          action: 'update',
          entity: 'person',
          entityId: person.id,
          place,
          detail: {
            changed: [input.mark === 'deceased' ? 'deceasedOn' : 'leftOn'],
            after: { [column]: onDate },
            door: true,
          },
        });
        break;
      }
    }
    const id = randomUUID();
    await insertMark(c, {
      id,
      ...place,
      personId: person.id,
      mark: input.mark,
      doseId: dose?.id ?? null,
      reason,
      until,
      onDate,
      markedBy: me.accountId,
    });
    await recordAudit(c, request, {
      action: 'create',
      entity: 'door_mark',
      entityId: id,
      place,
      detail: { personId: person.id, mark: input.mark, doseId: dose?.id ?? null, onDate, until, reason },
    });
    const [row] = await doorPeople(c, {
      provinceCode: person.provinceCode,
      unitCode: person.unitCode,
      asOf: today,
      minAge: 0,
      households: 1,
      personId: person.id,
    });
    return {
      mark: { id, mark: input.mark, onDate, until, reason, doseId: dose?.id ?? null },
      dose,
      /** The person as the list now shows them; null once they no longer live here. */
      person: row ? personOf(row, today, ANY_DAY) : null,
    };
  });
}

/** The dose number a team records when the form does not say: the one after the person's last. */
async function nextNumber(c: PoolClient, person: MarkPersonRow, today: string): Promise<number> {
  const [row] = await doorPeople(c, {
    provinceCode: person.provinceCode,
    unitCode: person.unitCode,
    asOf: today,
    minAge: 0,
    households: 1,
    personId: person.id,
  });
  const doses = row ? doseFacts(row) : [];
  const due = nextDose({ birthDate: person.birthDate, doses, asOf: today });
  return Math.min(6, due?.doseNumber ?? doses.length + 1);
}

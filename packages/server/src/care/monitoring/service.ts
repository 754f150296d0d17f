import {
  ALERT_SEVERITY_LABELS,
  type AlertSeverity,
  formatVnDate,
  isolationDay,
  READING_RANGES,
  type ReadingField,
  type RecordedByKind,
  type Symptom,
  signWords,
  warningSigns,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { newSecret, sha256 } from '../../auth/principal.ts';
import { inTransaction, type Pool, type PoolClient } from '../../db/pool.ts';
import { AppError, badInput } from '../../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { todayInVietnam } from '../../http/time.ts';
import { episodeInScope } from '../episodes/queries.ts';
import { type EntryRow, entriesOf, episodeByLink, insertEntry, raiseAlert, setLinkHash } from './queries.ts';
import { provinceCareSettings, spo2CutoffOf } from './settings.ts';

/** What a health worker or a person at home sends: any measurement taken, symptoms, a note. */
export interface EntryInput {
  recordedAt?: string;
  recordedByKind?: RecordedByKind;
  spo2?: number;
  spo2Recheck?: number;
  respiratoryRate?: number;
  pulse?: number;
  /** °C, one decimal. */
  temperature?: number;
  systolic?: number;
  diastolic?: number;
  symptoms?: Symptom[];
  note?: string;
}

/** How far ahead of the server's clock a device's time may be (clocks of phones drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The same answer for every link that opens nothing: unknown, ended, revoked or malformed. */
export const LINK_NOT_FOUND =
  'Đường dẫn theo dõi sức khỏe không còn hiệu lực. Hãy liên hệ trạm y tế để được cấp lại.';

function linkNotFound(): AppError {
  return new AppError(404, 'link_not_found', LINK_NOT_FOUND, 'token');
}

/** `<provinceCode>.<secret>`: the province keeps the look-up on one shard; the secret is 32 random bytes. */
const TOKEN = /^(\d{2})\.([A-Za-z0-9_-]{43})$/;

function parseToken(token: string): { provinceCode: string; hash: string } {
  const m = TOKEN.exec(token);
  if (!m) throw linkNotFound();
  return { provinceCode: m[1], hash: sha256(m[2]) };
}

function checkReading(input: EntryInput): void {
  for (const field of Object.keys(READING_RANGES) as ReadingField[]) {
    if (field === 'temperatureTenths') continue;
    const value = input[field];
    if (value === undefined) continue;
    const { min, max, label } = READING_RANGES[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw badInput(`${label} phải là số nguyên từ ${min} đến ${max}`, field, 'out_of_range');
    }
  }
  if (input.temperature !== undefined) {
    const tenths = Math.round(input.temperature * 10);
    const { min, max } = READING_RANGES.temperatureTenths;
    if (!Number.isFinite(input.temperature) || tenths < min || tenths > max) {
      throw badInput('Nhiệt độ phải từ 30,0 đến 45,0 °C', 'temperature', 'out_of_range');
    }
  }
  if ((input.systolic === undefined) !== (input.diastolic === undefined)) {
    const field = input.systolic === undefined ? 'systolic' : 'diastolic';
    throw badInput('Hãy ghi cả huyết áp tâm thu và tâm trương', field, 'blood_pressure_pair');
  }
  if (input.systolic !== undefined && input.diastolic !== undefined && input.diastolic >= input.systolic) {
    throw badInput('Huyết áp tâm trương phải thấp hơn tâm thu', 'diastolic', 'blood_pressure_order');
  }
  const measured = ['spo2', 'spo2Recheck', 'respiratoryRate', 'pulse', 'temperature', 'systolic'] as const;
  if (measured.every((f) => input[f] === undefined) && !input.symptoms?.length && !input.note?.trim()) {
    throw badInput(
      'Hãy ghi ít nhất một chỉ số (SpO2, nhịp thở, mạch, nhiệt độ…) hoặc triệu chứng',
      'spo2',
      'empty_entry',
    );
  }
}

/** The instant of an entry: sent (not in the future, not before the isolation began), else now. */
function recordedAtOf(input: EntryInput, startOn: string, now: Date): Date {
  if (input.recordedAt === undefined) return now;
  const at = new Date(input.recordedAt);
  if (Number.isNaN(at.getTime()))
    throw badInput('Thời điểm đo không hợp lệ', 'recordedAt', 'invalid_recorded_at');
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badInput('Thời điểm đo không được sau thời điểm hiện tại', 'recordedAt', 'recorded_at_future');
  }
  if (todayInVietnam(at) < startOn) {
    throw badInput(
      `Thời điểm đo trước ngày bắt đầu cách ly (${formatVnDate(startOn)})`,
      'recordedAt',
      'recorded_at_before_start',
    );
  }
  return at;
}

export interface EpisodeFacts {
  id: string;
  provinceCode: string;
  unitCode: string;
  personId: string;
  birthDate: string;
  startOn: string;
  place: string;
}

/**
 * Stores an entry with the warning signs of the policy in force on its day (the person's age on
 * that day, the province's SpO2 cut-off) and raises or escalates the episode's open alert, in the
 * caller's transaction (which holds the episode's row lock). Exported for the demo seed, so that
 * seeded entries and alerts follow the same policy as recorded ones (`now` bounds recordedAt).
 */
export async function recordMonitoringIn(
  c: PoolClient,
  episode: EpisodeFacts,
  input: EntryInput,
  who: { kind: RecordedByKind; accountId: string | null },
  now: Date,
) {
  checkReading(input);
  const recordedAt = recordedAtOf(input, episode.startOn, now);
  const on = todayInVietnam(recordedAt);
  const settings = await provinceCareSettings(c, episode.provinceCode);
  const spo2AtMost = spo2CutoffOf(settings, on);
  const symptoms = [...new Set(input.symptoms ?? [])];
  const result = warningSigns(
    {
      on,
      birthDate: episode.birthDate,
      spo2: input.spo2,
      spo2Recheck: input.spo2Recheck,
      respiratoryRate: input.respiratoryRate,
      pulse: input.pulse,
      systolic: input.systolic,
      diastolic: input.diastolic,
      symptoms,
    },
    { spo2AtMost },
  );
  const entryId = await insertEntry(c, {
    provinceCode: episode.provinceCode,
    episodeId: episode.id,
    unitCode: episode.unitCode,
    recordedAt,
    recordedByKind: who.kind,
    recordedBy: who.accountId,
    spo2: input.spo2 ?? null,
    spo2Recheck: input.spo2Recheck ?? null,
    respiratoryRate: input.respiratoryRate ?? null,
    pulse: input.pulse ?? null,
    temperatureTenths: input.temperature === undefined ? null : Math.round(input.temperature * 10),
    systolic: input.systolic ?? null,
    diastolic: input.diastolic ?? null,
    symptoms,
    note: input.note?.trim() || null,
    signs: result.signs,
    severity: result.severity,
  });
  // The board is the home-care station's: a person in a facility is watched by its staff.
  const alert =
    result.severity > 0 && episode.place === 'home'
      ? await raiseAlert(c, {
          provinceCode: episode.provinceCode,
          unitCode: episode.unitCode,
          episodeId: episode.id,
          personId: episode.personId,
          entryId,
          severity: result.severity,
          signs: result.signs,
        })
      : null;
  return {
    entry: {
      id: entryId,
      recordedAt: recordedAt.toISOString(),
      signs: result.signs,
      severity: result.severity,
    },
    warning: {
      signs: result.signs,
      signWords: signWords(result.signs),
      severity: result.severity,
      severityLabel: ALERT_SEVERITY_LABELS[result.severity as AlertSeverity],
      recheckSpo2: result.recheckSpo2,
      spo2AtMost,
      reasons: result.reasons,
      policy: result.policy,
    },
    alert: alert && {
      id: alert.id,
      severity: alert.severity,
      raised: alert.raised,
      escalated: alert.escalated,
    },
  };
}

/** POST /care/episodes/:id/monitoring: an entry by the health station or the community team. */
export async function recordEntry(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  episodeId: string,
  input: EntryInput,
) {
  if (input.recordedByKind && input.recordedByKind !== 'station' && input.recordedByKind !== 'team') {
    throw badInput(
      'Tài khoản chỉ ghi phiếu của trạm y tế hoặc tổ Covid cộng đồng; người bệnh tự ghi qua đường dẫn riêng',
      'recordedByKind',
      'recorded_by_kind',
    );
  }
  const kind: RecordedByKind = input.recordedByKind ?? (me.role === 'community_team' ? 'team' : 'station');
  const now = new Date();
  return inTransaction(pool, async (c) => {
    const episode = await episodeInScope(c, me, episodeId, { lock: true });
    if (episode.status !== 'active') {
      throw new AppError(
        409,
        'episode_ended',
        'Đợt cách ly này đã kết thúc, không ghi phiếu theo dõi được nữa',
        'id',
      );
    }
    const out = await recordMonitoringIn(c, episode, input, { kind, accountId: me.accountId }, now);
    await recordAudit(c, request, {
      action: 'create',
      entity: 'monitoring_entry',
      entityId: String(out.entry.id),
      place: { unitCode: episode.unitCode, provinceCode: episode.provinceCode },
      detail: {
        episodeId,
        severity: out.entry.severity,
        signs: out.entry.signs,
        alertId: out.alert?.id ?? null,
      },
    });
    return out;
  });
}

/** GET /care/episodes/:id/monitoring: the entries of an episode, newest first. Audited. */
export async function listEntries(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  episodeId: string,
  q: { cursor?: string; limit?: number },
) {
  const episode = await episodeInScope(pool, me, episodeId);
  const after = decodeCursor(q.cursor, ['timestamp', 'int']);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const rows = await entriesOf(pool, episode, after, limit + 1);
  const page = rows.slice(0, limit);
  recordRead(pool, request, {
    action: 'read',
    entity: 'care_episode',
    entityId: episode.id,
    place: { unitCode: episode.unitCode, provinceCode: episode.provinceCode },
    detail: { monitoring: true, count: page.length },
  });
  const last = page[page.length - 1];
  return {
    episode: {
      id: episode.id,
      personId: episode.personId,
      personName: episode.personName,
      birthDate: episode.birthDate,
      status: episode.status,
      place: episode.place,
      startOn: episode.startOn,
      day: isolationDay(episode.startOn, todayInVietnam()),
      lastEntryAt: episode.lastEntryAt,
      hasLink: episode.hasLink,
    },
    items: page.map(entryOut),
    next: rows.length > limit && last ? encodeCursor([last.at, last.id]) : undefined,
  };
}

function entryOut(r: EntryRow) {
  const { at: _at, temperatureTenths, ...rest } = r;
  return {
    ...rest,
    temperature: temperatureTenths === null ? null : temperatureTenths / 10,
    signWords: signWords(r.signs),
  };
}

/**
 * POST /care/episodes/:id/link: a new phone link for the episode; the secret is shown once and only
 * its sha256 is kept, so a new link revokes the old one.
 */
export async function createLink(pool: Pool, me: Principal, request: FastifyRequest, episodeId: string) {
  return inTransaction(pool, async (c) => {
    const episode = await episodeInScope(c, me, episodeId, { lock: true });
    if (episode.status !== 'active') {
      throw new AppError(
        409,
        'episode_ended',
        'Đợt cách ly này đã kết thúc, không cấp đường dẫn theo dõi được',
        'id',
      );
    }
    const secret = newSecret(32);
    await setLinkHash(c, episode, sha256(secret));
    await recordAudit(c, request, {
      action: episode.hasLink ? 'regenerate' : 'create',
      entity: 'monitoring_link',
      entityId: episode.id,
      place: { unitCode: episode.unitCode, provinceCode: episode.provinceCode },
      detail: { episodeId: episode.id, revokedPrevious: episode.hasLink },
    });
    const token = `${episode.provinceCode}.${secret}`;
    return { url: `/theo-doi/${token}`, token, revokedPrevious: episode.hasLink };
  });
}

/** "Nguyễn Thị Mai" → "N. T. Mai": the given name and initials, nothing else of the person. */
export function shortName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const given = words.pop() ?? '';
  return [...words.map((w) => `${w[0]}.`), given].join(' ');
}

/** GET /public/monitoring/:token: what the phone form needs, and nothing more. */
export async function linkForm(pool: Pool, token: string) {
  const { provinceCode, hash } = parseToken(token);
  const episode = await episodeByLink(pool, provinceCode, hash);
  if (!episode) throw linkNotFound();
  const today = todayInVietnam();
  const settings = await provinceCareSettings(pool, provinceCode);
  return {
    name: shortName(episode.fullName),
    day: isolationDay(episode.startOn, today),
    lastEntryAt: episode.lastEntryAt,
    spo2AtMost: spo2CutoffOf(settings, today),
  };
}

/** POST /public/monitoring/:token: an entry by the person or a caregiver, from the phone link. */
export async function recordByLink(
  pool: Pool,
  request: FastifyRequest,
  token: string,
  input: EntryInput & { recordedByKind: 'self' | 'caregiver' },
) {
  const { provinceCode, hash } = parseToken(token);
  const now = new Date();
  return inTransaction(pool, async (c) => {
    const episode = await episodeByLink(c, provinceCode, hash, { lock: true });
    if (!episode) throw linkNotFound();
    const { recordedAt: _ignored, ...rest } = input;
    const out = await recordMonitoringIn(
      c,
      episode,
      rest,
      { kind: input.recordedByKind, accountId: null },
      now,
    );
    await recordAudit(
      c,
      request,
      {
        action: 'create',
        entity: 'monitoring_entry',
        entityId: String(out.entry.id),
        place: { unitCode: episode.unitCode, provinceCode: episode.provinceCode },
        detail: {
          episodeId: episode.id,
          via: 'link',
          kind: input.recordedByKind,
          severity: out.entry.severity,
        },
      },
      null,
    );
    // The person sees their own entry's result, never the alert's id.
    return {
      recordedAt: out.entry.recordedAt,
      severity: out.warning.severity,
      severityLabel: out.warning.severityLabel,
      signWords: out.warning.signWords,
      recheckSpo2: out.warning.recheckSpo2,
      spo2AtMost: out.warning.spo2AtMost,
      lastEntryAt: out.entry.recordedAt,
    };
  });
}

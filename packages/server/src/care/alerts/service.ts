import {
  ALERT_SEVERITY_LABELS,
  type AlertSeverity,
  ageOn,
  formatVnDate,
  isolationDay,
  signWords,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { Scope } from '../../auth/scope.ts';
import { inTransaction, type Pool } from '../../db/pool.ts';
import { AppError, badInput } from '../../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { todayInVietnam } from '../../http/time.ts';
import { moveEpisode } from '../episodes/stays.ts';
import { monitoringPolicyOf, provinceCareSettings, spo2CutoffOf } from '../monitoring/settings.ts';
import { boardAlerts, boardCountsIn, closeAlert, facilityOf, lockAlert, silentEpisodes } from './queries.ts';

export interface BoardQuery {
  unit?: string;
  cursor?: string;
  silentCursor?: string;
  limit?: number;
}

/** The scope of a board: a unit inside the jurisdiction, else the whole jurisdiction. */
async function boardScope(pool: Pool, me: Principal, code: string | undefined) {
  if (!code) return { scope: me.scope, unit: null, provinceCode: me.unit?.provinceCode ?? null };
  const unit = await me.scope.unitInside(pool, code, 'unit');
  const scope = new Scope({
    code: unit.code,
    name: unit.name,
    level: unit.level,
    provinceCode: unit.provinceCode,
    districtCode: null,
    unitCodes: unit.unitCodes ?? undefined,
  });
  return { scope, unit: { code: unit.code, name: unit.name }, provinceCode: unit.provinceCode };
}

/** The unreachable span of the board's province (a national board uses the policy's). */
async function silencePolicy(pool: Pool, provinceCode: string | null, today: string) {
  const settings = provinceCode
    ? await provinceCareSettings(pool, provinceCode)
    : { spo2AtMost: null, unreachableAfterHours: null };
  return { policy: monitoringPolicyOf(settings, today), spo2AtMost: spo2CutoffOf(settings, today) };
}

function countsOf(raw: { bySeverity: Record<string, number>; unreachable: number }) {
  const bySeverity = {
    3: raw.bySeverity['3'] ?? 0,
    2: raw.bySeverity['2'] ?? 0,
    1: raw.bySeverity['1'] ?? 0,
  };
  return {
    openAlerts: { ...bySeverity, total: bySeverity[3] + bySeverity[2] + bySeverity[1] },
    unreachable: raw.unreachable,
  };
}

/**
 * For the situation and start pages: open alerts by severity (3 emergency, 2 urgent, 1 watch) and
 * the people at home unreachable, inside the caller's jurisdiction or one unit of it.
 */
export async function boardCounts(pool: Pool, me: Principal, unit?: string) {
  const today = todayInVietnam();
  const { scope, provinceCode } = await boardScope(pool, me, unit);
  const { policy } = await silencePolicy(pool, provinceCode, today);
  return countsOf(await boardCountsIn(pool, scope, policy.unreachableAfterHours, policy.graceHours));
}

/**
 * GET /care/board: the health station's board. Open alerts, the most severe first then the oldest,
 * with the person, the day of isolation, the signs in words and the last readings; the people at
 * home silent longer than the policy allows; the counts. Audited (a list of people).
 */
export async function board(pool: Pool, me: Principal, request: FastifyRequest, q: BoardQuery) {
  const today = todayInVietnam();
  const { scope, unit, provinceCode } = await boardScope(pool, me, q.unit);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(q.cursor, ['int', 'timestamp', 'uuid']);
  const silentAfter = decodeCursor(q.silentCursor, ['timestamp', 'uuid']);
  const { policy, spo2AtMost } = await silencePolicy(pool, provinceCode, today);
  const [alerts, silent, counts] = await Promise.all([
    boardAlerts(pool, scope, after, limit + 1),
    silentEpisodes(pool, scope, policy.unreachableAfterHours, policy.graceHours, silentAfter, limit + 1),
    boardCountsIn(pool, scope, policy.unreachableAfterHours, policy.graceHours),
  ]);
  const alertPage = alerts.slice(0, limit);
  const silentPage = silent.slice(0, limit);
  recordRead(pool, request, {
    action: 'list',
    entity: 'care_alert',
    place: provinceCode ? { unitCode: unit?.code ?? null, provinceCode } : null,
    detail: { board: true, unit: unit?.code, alerts: alertPage.length, unreachable: silentPage.length },
  });
  const lastAlert = alertPage[alertPage.length - 1];
  const lastSilent = silentPage[silentPage.length - 1];
  const person = (r: { fullName: string; birthDate: string; phone: string | null; personId: string }) => ({
    id: r.personId,
    fullName: r.fullName,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, today),
    phone: r.phone,
  });
  return {
    unit,
    policy: {
      spo2AtMost,
      unreachableAfterHours: policy.unreachableAfterHours,
      graceHours: policy.graceHours,
      source: policy.source,
      unconfirmed: policy.unconfirmed === true,
    },
    counts: countsOf(counts),
    alerts: alertPage.map((r) => ({
      id: r.id,
      severity: r.severity,
      severityLabel: ALERT_SEVERITY_LABELS[r.severity as AlertSeverity] ?? String(r.severity),
      signs: r.signs,
      signWords: signWords(r.signs),
      raisedAt: r.raisedAt,
      episodeId: r.episodeId,
      day: isolationDay(r.startOn, today),
      startOn: r.startOn,
      unit: { code: r.unitCode, name: r.unitName },
      person: person(r),
      lastEntryAt: r.lastEntryAt,
      last: r.last && {
        ...r.last,
        temperature: r.last.temperatureTenths === null ? null : r.last.temperatureTenths / 10,
      },
    })),
    next:
      alerts.length > limit && lastAlert
        ? encodeCursor([lastAlert.severity, lastAlert.at, lastAlert.id])
        : undefined,
    unreachable: silentPage.map((r) => ({
      episodeId: r.episodeId,
      day: isolationDay(r.startOn, today),
      startOn: r.startOn,
      unit: { code: r.unitCode, name: r.unitName },
      person: person(r),
      lastEntryAt: r.lastEntryAt,
      enrolledAt: r.createdAt,
    })),
    unreachableNext:
      silent.length > limit && lastSilent ? encodeCursor([lastSilent.at, lastSilent.episodeId]) : undefined,
  };
}

const ALERT_NOT_FOUND = 'Không tìm thấy cảnh báo này trong địa bàn của bạn';
const STATUS_WORDS: Record<string, string> = {
  transferred: 'đã chuyển viện',
  dismissed: 'đã được bỏ qua',
  resolved: 'đã được xử lý',
};

async function openAlert(c: Parameters<typeof lockAlert>[0], me: Principal, id: string) {
  const alert = await lockAlert(c, me.scope, id);
  if (!alert) throw new AppError(404, 'alert_not_found', ALERT_NOT_FOUND, 'id');
  if (alert.status !== 'open') {
    const at = alert.handledAt;
    const when = at
      ? ` lúc ${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(11, 16)} ngày ${formatVnDate(todayInVietnam(at))}`
      : '';
    throw new AppError(
      409,
      'alert_handled',
      `Cảnh báo này ${STATUS_WORDS[alert.status] ?? 'đã được xử lý'}${when}; hãy tải lại bảng`,
      'id',
    );
  }
  if (alert.episodeStatus !== 'active') {
    throw new AppError(409, 'episode_ended', 'Đợt cách ly của người này đã kết thúc; hãy tải lại bảng', 'id');
  }
  return alert;
}

function noteOf(note: string | undefined, required: boolean): string | null {
  const text = note?.trim() ?? '';
  if (!text && required) throw badInput('Hãy ghi lý do bỏ qua cảnh báo', 'note', 'note_required');
  return text || null;
}

/** POST /care/alerts/:id/dismiss: the station decides the alert needs no transfer, and says why. */
export async function dismissAlert(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  body: { note?: string },
) {
  const note = noteOf(body.note, true);
  return inTransaction(pool, async (c) => {
    const alert = await openAlert(c, me, id);
    await closeAlert(c, alert, 'dismissed', me.accountId, note);
    await recordAudit(c, request, {
      action: 'dismiss',
      entity: 'care_alert',
      entityId: alert.id,
      place: { unitCode: alert.unitCode, provinceCode: alert.provinceCode },
      detail: { episodeId: alert.episodeId, note },
    });
    return { id: alert.id, status: 'dismissed' as const };
  });
}

/**
 * POST /care/alerts/:id/transfer: the person goes to a treatment facility, in one transaction with
 * the alert (moveEpisode locks the facility and refuses with 409 no_bed_free when it is full).
 */
export async function transferAlert(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  body: { facilityId: string; note?: string },
) {
  const note = noteOf(body.note, false);
  return inTransaction(pool, async (c) => {
    const alert = await openAlert(c, me, id);
    const facility = await facilityOf(c, alert.provinceCode, body.facilityId);
    if (!facility) {
      throw new AppError(
        404,
        'facility_not_found',
        'Không tìm thấy cơ sở điều trị này trong tỉnh',
        'facilityId',
      );
    }
    if (facility.kind !== 'treatment') {
      throw badInput(
        `${facility.name} là cơ sở cách ly tập trung, không phải cơ sở điều trị: hãy chọn một cơ sở điều trị`,
        'facilityId',
        'facility_not_treatment',
      );
    }
    await moveEpisode(
      c,
      me,
      { id: alert.episodeId, provinceCode: alert.provinceCode },
      { place: 'facility', facilityId: facility.id },
      'transfer',
      { alertId: alert.id, note: note ?? undefined },
    );
    await closeAlert(c, alert, 'transferred', me.accountId, note);
    await recordAudit(c, request, {
      action: 'transfer',
      entity: 'care_alert',
      entityId: alert.id,
      place: { unitCode: alert.unitCode, provinceCode: alert.provinceCode },
      detail: { episodeId: alert.episodeId, facilityId: facility.id, tierCode: facility.tierCode, note },
    });
    return {
      id: alert.id,
      status: 'transferred' as const,
      episodeId: alert.episodeId,
      facility: { id: facility.id, name: facility.name, tierCode: facility.tierCode },
    };
  });
}

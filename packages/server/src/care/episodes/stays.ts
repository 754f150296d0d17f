import type { Principal } from '../../auth/principal.ts';
import type { PoolClient } from '../../db/pool.ts';
import { query, queryOne, sql } from '../../db/sql.ts';
import { AppError, badInput, forbidden } from '../../http/errors.ts';

/** Where an episode goes: home, or a bed of a facility (above capacity only with an override naming why). */
export type Place =
  | { place: 'home' }
  | { place: 'facility'; facilityId: string; override?: { reason: string } };

export type MoveReason = 'admission' | 'transfer' | 'return_home';
export type StayReason = 'enrolment' | MoveReason;
export type EndReason = 'completed' | 'became_case' | 'transferred' | 'died' | 'absconded' | 'other';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FacilityLock {
  id: string;
  name: string;
  kind: string;
  state: string;
  tierCode: string | null;
  beds: number;
  occupied: number;
}

interface EpisodeLock {
  id: string;
  status: string;
  place: string;
  facilityId: string | null;
  startOn: string;
}

const STATE_WORDS: Record<string, string> = {
  planned: 'Dự kiến',
  ready: 'Sẵn sàng',
  active: 'Đang hoạt động',
  closed: 'Đã đóng',
};

/** The facilities of `ids` in the province, locked FOR UPDATE in id order (two moves never wait on each other in a cycle). */
async function lockFacilities(
  client: PoolClient,
  provinceCode: string,
  ids: string[],
): Promise<Map<string, FacilityLock>> {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return new Map();
  const rows = await query<FacilityLock>(
    client,
    sql`SELECT id, name, kind, state, tier_code AS "tierCode", beds, occupied
          FROM facilities
         WHERE province_code = ${provinceCode} AND id = ANY(${sql.param(unique)}::uuid[])
         ORDER BY id
           FOR UPDATE`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

async function lockEpisode(
  client: PoolClient,
  episode: { id: string; provinceCode: string },
): Promise<EpisodeLock> {
  const row = await queryOne<EpisodeLock>(
    client,
    sql`SELECT id, status, place, facility_id AS "facilityId", start_on AS "startOn"
          FROM care_episodes WHERE id = ${episode.id} AND province_code = ${episode.provinceCode}
           FOR UPDATE`,
  );
  if (!row) throw new AppError(404, 'episode_not_found', 'Không tìm thấy đợt cách ly này', 'id');
  return row;
}

/** Whether a facility may take one more person: active, and a free bed or an override by someone allowed. */
function admit(
  me: Principal,
  facility: FacilityLock | undefined,
  to: Extract<Place, { place: 'facility' }>,
): { overrideReason: string | null } {
  if (!facility) {
    throw new AppError(
      404,
      'facility_not_found',
      'Không tìm thấy cơ sở cách ly, điều trị này trong tỉnh',
      'facilityId',
    );
  }
  if (facility.state !== 'active') {
    throw new AppError(
      409,
      'facility_not_active',
      `${facility.name} đang ở trạng thái "${STATE_WORDS[facility.state] ?? facility.state}", chưa tiếp nhận người: ` +
        'hãy chuyển cơ sở sang "Đang hoạt động" trước',
      'facilityId',
    );
  }
  const free = facility.beds - facility.occupied;
  if (free > 0) return { overrideReason: null };
  const reason = to.override?.reason?.trim();
  if (!reason) {
    throw new AppError(
      409,
      'no_bed_free',
      `${facility.name} đã hết giường: ${facility.occupied}/${facility.beds} giường đang có người. ` +
        'Hãy chọn cơ sở khác, hoặc người có quyền quản lý cơ sở ghi lý do tiếp nhận vượt công suất.',
      'facilityId',
      undefined,
      { facilityId: facility.id, beds: facility.beds, occupied: facility.occupied },
    );
  }
  if (!me.permissions.includes('facility.manage')) {
    throw forbidden('Tiếp nhận vượt công suất cần quyền quản lý cơ sở cách ly, điều trị');
  }
  return { overrideReason: reason };
}

/** The instant a move happens: `at` (a Date), else now. */
function instantOf(extra?: { at?: Date }): Date {
  const at = extra?.at ?? new Date();
  if (Number.isNaN(at.getTime())) throw badInput('Thời điểm chuyển không hợp lệ', 'at', 'invalid_at');
  return at;
}

async function openStay(
  client: PoolClient,
  me: Principal,
  provinceCode: string,
  episodeId: string,
  to: Place,
  facility: FacilityLock | undefined,
  overrideReason: string | null,
  reason: StayReason,
  at: Date,
  extra?: { alertId?: string; note?: string },
): Promise<void> {
  const facilityId = to.place === 'facility' ? to.facilityId : null;
  await client.query(
    `INSERT INTO care_stays (province_code, episode_id, place, facility_id, tier_code, from_at, reason,
                             alert_id, decided_by, override_by, override_reason, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      provinceCode,
      episodeId,
      to.place,
      facilityId,
      facility?.tierCode ?? null,
      at,
      reason,
      extra?.alertId ?? null,
      me.accountId,
      overrideReason ? me.accountId : null,
      overrideReason,
      extra?.note?.trim() || null,
    ],
  );
  if (facilityId) {
    await client.query(
      `UPDATE facilities SET occupied = occupied + 1, updated_at = now() WHERE id = $1 AND province_code = $2`,
      [facilityId, provinceCode],
    );
  }
  await client.query(
    `UPDATE care_episodes SET place = $3, facility_id = $4, updated_at = now() WHERE id = $1 AND province_code = $2`,
    [episodeId, provinceCode, to.place, facilityId],
  );
}

/** Closes the open stay of an episode at `at` (never before it began) and frees its bed. */
async function closeStay(
  client: PoolClient,
  provinceCode: string,
  episodeId: string,
  at: Date | string,
): Promise<void> {
  const closed = await query<{ facilityId: string | null }>(
    client,
    sql`UPDATE care_stays SET to_at = GREATEST(from_at, ${at}::timestamptz)
         WHERE episode_id = ${episodeId} AND province_code = ${provinceCode} AND to_at IS NULL
        RETURNING facility_id AS "facilityId"`,
  );
  for (const s of closed) {
    if (s.facilityId) {
      await client.query(
        `UPDATE facilities SET occupied = GREATEST(occupied - 1, 0), updated_at = now()
          WHERE id = $1 AND province_code = $2`,
        [s.facilityId, provinceCode],
      );
    }
  }
}

/**
 * The first place of a new episode (its row just inserted by the caller, in the caller's
 * transaction): home (stay 'enrolment') or a facility bed (stay 'admission'), with the same bed
 * check under the facility's row lock as moveEpisode.
 */
export async function openFirstStay(
  client: PoolClient,
  me: Principal,
  episode: { id: string; provinceCode: string },
  to: Place,
  extra?: { note?: string; at?: Date },
): Promise<{ overrideReason: string | null }> {
  const at = instantOf(extra);
  if (to.place === 'home') {
    await openStay(client, me, episode.provinceCode, episode.id, to, undefined, null, 'enrolment', at, extra);
    return { overrideReason: null };
  }
  if (!UUID.test(to.facilityId)) throw badInput('Mã cơ sở không hợp lệ', 'facilityId', 'invalid_facility');
  const locks = await lockFacilities(client, episode.provinceCode, [to.facilityId]);
  const facility = locks.get(to.facilityId);
  const { overrideReason } = admit(me, facility, to);
  await openStay(
    client,
    me,
    episode.provinceCode,
    episode.id,
    to,
    facility,
    overrideReason,
    'admission',
    at,
    extra,
  );
  return { overrideReason };
}

/**
 * Moves an active episode to a place in the caller's transaction: locks the episode, then the
 * facilities involved (SELECT … FOR UPDATE, in id order), refuses with AppError(409, 'no_bed_free',
 * a Vietnamese message naming the facility and its beds) when beds - occupied <= 0 unless an
 * override (then records override_by/reason; needs facility.manage), closes the open stay
 * (occupied - 1 on its facility), opens the new one (occupied + 1), updates
 * care_episodes.place/facility_id. The target facility must be active and of the episode's province.
 */
export async function moveEpisode(
  client: PoolClient,
  me: Principal,
  episode: { id: string; provinceCode: string },
  to: Place,
  reason: MoveReason,
  extra?: { alertId?: string; note?: string; at?: Date },
): Promise<void> {
  const at = instantOf(extra);
  const current = await lockEpisode(client, episode);
  if (current.status !== 'active') {
    throw new AppError(409, 'episode_ended', 'Đợt cách ly này đã kết thúc, không chuyển nơi được nữa', 'id');
  }
  if (to.place === 'home') {
    if (current.place === 'home') {
      throw new AppError(409, 'already_home', 'Người này đang cách ly, điều trị tại nhà', 'place');
    }
    await lockFacilities(client, episode.provinceCode, current.facilityId ? [current.facilityId] : []);
    await closeStay(client, episode.provinceCode, episode.id, at);
    await openStay(client, me, episode.provinceCode, episode.id, to, undefined, null, reason, at, extra);
    return;
  }
  if (!UUID.test(to.facilityId)) throw badInput('Mã cơ sở không hợp lệ', 'facilityId', 'invalid_facility');
  if (current.place === 'facility' && current.facilityId === to.facilityId) {
    throw new AppError(409, 'already_there', 'Người này đang ở chính cơ sở này', 'facilityId');
  }
  const locks = await lockFacilities(client, episode.provinceCode, [
    to.facilityId,
    ...(current.facilityId ? [current.facilityId] : []),
  ]);
  const facility = locks.get(to.facilityId);
  const { overrideReason } = admit(me, facility, to);
  await closeStay(client, episode.provinceCode, episode.id, at);
  await openStay(
    client,
    me,
    episode.provinceCode,
    episode.id,
    to,
    facility,
    overrideReason,
    reason,
    at,
    extra,
  );
  // In a facility the staff care for the person: a warning from home is settled (a transfer that
  // answers an alert closes that one itself, as transferred).
  if (current.place === 'home' && !extra?.alertId) {
    await settleAlerts(client, me, episode, 'Đã chuyển đến cơ sở cách ly, điều trị');
  }
}

/** Open warnings of an episode that ends or leaves home: no longer on the home-care board. */
async function settleAlerts(
  client: PoolClient,
  me: Principal,
  episode: { id: string; provinceCode: string },
  note: string,
): Promise<void> {
  await client.query(
    `UPDATE care_alerts SET status = 'resolved', handled_at = now(), handled_by = $3,
            handling_note = coalesce(handling_note, $4)
      WHERE episode_id = $1 AND province_code = $2 AND status = 'open'`,
    [episode.id, episode.provinceCode, me.accountId, note],
  );
}

/**
 * Ends an active episode (closing its stay at the end of `end.on` or now, whichever is earlier,
 * freeing its bed): status 'ended', the day, how it ended and the release criterion.
 */
export async function endEpisode(
  client: PoolClient,
  me: Principal,
  episode: { id: string; provinceCode: string },
  end: { on: string; reason: EndReason; criterion?: string },
): Promise<void> {
  const current = await lockEpisode(client, episode);
  if (current.status !== 'active') {
    throw new AppError(409, 'episode_ended', 'Đợt cách ly này đã kết thúc', 'id');
  }
  if (end.on < current.startOn) {
    throw badInput('Ngày kết thúc không được trước ngày bắt đầu cách ly', 'on', 'end_before_start');
  }
  await lockFacilities(client, episode.provinceCode, current.facilityId ? [current.facilityId] : []);
  // The stay ends at the end of that day in Vietnam, or now if that is earlier.
  await client.query(
    `UPDATE care_stays SET to_at = GREATEST(from_at, LEAST(now(), ($3::date + 1)::timestamptz))
      WHERE episode_id = $1 AND province_code = $2 AND to_at IS NULL`,
    [episode.id, episode.provinceCode, end.on],
  );
  if (current.facilityId) {
    await client.query(
      `UPDATE facilities SET occupied = GREATEST(occupied - 1, 0), updated_at = now()
        WHERE id = $1 AND province_code = $2`,
      [current.facilityId, episode.provinceCode],
    );
  }
  await client.query(
    `UPDATE care_episodes SET status = 'ended', ended_on = $3, end_reason = $4, release_criterion = $5,
            updated_at = now()
      WHERE id = $1 AND province_code = $2`,
    [episode.id, episode.provinceCode, end.on, end.reason, end.criterion?.trim() || null],
  );
  await settleAlerts(client, me, episode, 'Đợt cách ly đã kết thúc');
}

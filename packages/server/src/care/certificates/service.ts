import { randomBytes } from 'node:crypto';
import {
  type CarePlace,
  type CertificateCheck,
  certificateCheck,
  certificateNumber,
  certificateYear,
  provinceOfVerifyCode,
  verifyCode,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { placeOf, recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { caseInScope, contactVaccination, negativeTestsSince } from '../../cases/queries.ts';
import { recordCaseEvent } from '../../cases/service.ts';
import { inTransaction, type Pool } from '../../db/pool.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { todayInVietnam } from '../../http/time.ts';
import { type EpisodeRow, episodeInScope } from '../episodes/queries.ts';
import { endEpisode } from '../episodes/stays.ts';
import { certificatePdf, stationName } from './print.ts';
import {
  type CertificateRow,
  certificateByCode,
  certificateInScope,
  certificatesOfEpisode,
  insertCertificate,
  nextSequence,
} from './queries.ts';

/** Who may sign a recovery certificate: the health station, and the health officers and administrators above it. */
const ISSUERS = new Set(['health_station', 'health_officer', 'admin']);

const NOT_FOUND = 'Không tìm thấy giấy xác nhận này trong địa bàn của bạn';

function mayIssue(me: Principal): void {
  if (!ISSUERS.has(me.role)) {
    throw forbidden('Chỉ trạm y tế hoặc cơ quan y tế cấp trên được cấp hoặc thu hồi giấy xác nhận khỏi bệnh');
  }
}

/** The episode, refused unless the person's residence (not only the facility) lies in the jurisdiction. */
async function residentEpisode(pool: Pool, me: Principal, id: string): Promise<EpisodeRow> {
  const episode = await episodeInScope(pool, me, id);
  try {
    await me.scope.unitInside(pool, episode.unitCode, 'id');
  } catch {
    throw new AppError(
      404,
      'episode_not_found',
      'Giấy xác nhận khỏi bệnh do trạm y tế nơi người bệnh cư trú cấp: người này không cư trú trong địa bàn của bạn',
      'id',
    );
  }
  return episode;
}

interface Judged {
  check: CertificateCheck;
  caseStatus: string | null;
  caseId: string | null;
}

/** The certificate check of an episode today, from its case's detection, place of care, vaccination and tests. */
async function judge(pool: Pool, me: Principal, episode: EpisodeRow, today: string): Promise<Judged> {
  const shape = {
    reason: episode.reason,
    status: episode.status,
    endReason: episode.endReason,
    endedOn: episode.endedOn,
  };
  const kase = episode.caseId ? await caseInScope(pool, me, episode.caseId) : undefined;
  if (episode.reason !== 'case' || !kase) {
    const check =
      episode.reason !== 'case'
        ? certificateCheck(
            shape,
            { detectedOn: episode.startOn, carePlace: 'home', vaccination: 'unknown', negativeTests: [] },
            today,
          )
        : ({
            ok: false,
            code: 'not_case_episode',
            message: 'Đợt cách ly này không gắn với ca bệnh (F0) nào: không cấp được giấy xác nhận khỏi bệnh',
          } as CertificateCheck);
    return { check, caseStatus: null, caseId: null };
  }
  const [vaccination, negativeTests] = await Promise.all([
    kase.sourceContactId ? contactVaccination(pool, kase.sourceContactId) : Promise.resolve(undefined),
    negativeTestsSince(pool, kase.personId, kase.detectedOn),
  ]);
  let check = certificateCheck(
    shape,
    {
      detectedOn: kase.detectedOn,
      carePlace: kase.carePlace as CarePlace,
      carePlaceName: kase.carePlaceName,
      vaccination: vaccination ?? 'unknown',
      negativeTests,
    },
    today,
  );
  if (
    kase.status === 'recovered' &&
    !check.ok &&
    check.code !== 'not_case_episode' &&
    check.code !== 'episode_not_completed'
  ) {
    // Recorded recovered already (a clinician's earlier release, kept with its reason): certify what was recorded.
    check = {
      ok: true,
      isolationTo: episode.endedOn ?? kase.outcomeOn ?? today,
      criterion: kase.outcomeCriterion ?? 'Đã được xác nhận khỏi bệnh',
      policy: check.policy ?? {
        code: 'case/outcome',
        source: 'Kết luận khỏi bệnh đã ghi trên ca bệnh',
        effectiveFrom: kase.detectedOn,
      },
    };
  } else if (kase.status !== 'active' && kase.status !== 'recovered') {
    check = {
      ok: false,
      code: 'episode_not_completed',
      message:
        'Ca bệnh đã kết thúc không phải do khỏi bệnh (chuyển đi hoặc tử vong): không cấp giấy xác nhận khỏi bệnh',
    };
  }
  return { check, caseStatus: kase.status, caseId: kase.id };
}

function certificateOut(row: CertificateRow) {
  return {
    id: row.id,
    episodeId: row.episodeId,
    personId: row.personId,
    number: row.number,
    issuedOn: row.issuedOn,
    station: stationName(row),
    signerName: row.signerName,
    holderName: row.holderName,
    holderBirthYear: row.holderBirthYear,
    isolationFrom: row.isolationFrom,
    isolationTo: row.isolationTo,
    criterion: row.criterion,
    status: row.revokedAt ? ('revoked' as const) : ('valid' as const),
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
}

/** The episode's certificates and whether one may be issued today (and if not, why). */
export async function episodeCertificate(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  episodeId: string,
) {
  const episode = await residentEpisode(pool, me, episodeId);
  const [rows, judged] = await Promise.all([
    certificatesOfEpisode(pool, episode),
    judge(pool, me, episode, todayInVietnam()),
  ]);
  recordRead(pool, request, {
    action: 'read',
    entity: 'recovery_certificate',
    entityId: episode.id,
    place: placeOf(episode),
  });
  const valid = rows.find((r) => !r.revokedAt);
  return {
    certificates: rows.map(certificateOut),
    canIssue: !valid && judged.check.ok && ISSUERS.has(me.role),
    reason: valid ? `Đã cấp giấy số ${valid.number}` : judged.check.ok ? null : judged.check.message,
    earliestOn: judged.check.ok ? null : (judged.check.earliestOn ?? null),
  };
}

/**
 * Issues the certificate of an F0 isolation whose release criterion is met: records the case as
 * recovered (the cases module's own rule and audit) when it is still active, then in one
 * transaction ends the episode as completed when still active, numbers the paper in the station's
 * register for the year and stores it with its random verify code.
 */
export async function issueCertificate(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  episodeId: string,
  body: { signerName?: string },
) {
  mayIssue(me);
  const today = todayInVietnam();
  const episode = await residentEpisode(pool, me, episodeId);
  const existing = (await certificatesOfEpisode(pool, episode)).find((r) => !r.revokedAt);
  if (existing) throw alreadyIssued(existing);
  const { check, caseStatus, caseId } = await judge(pool, me, episode, today);
  if (!check.ok) {
    throw new AppError(400, check.code, check.message, undefined, undefined, {
      earliestOn: check.earliestOn ?? null,
      policy: check.policy ?? null,
    });
  }
  if (caseStatus === 'active' && caseId) {
    try {
      await recordCaseEvent(pool, me, request, caseId, {
        kind: 'outcome',
        on: check.isolationTo,
        value: 'recovered',
        detail: check.criterion,
      });
    } catch (err) {
      // Recorded by another officer a moment ago: the case is recovered either way.
      const now = await caseInScope(pool, me, caseId);
      if (now?.status !== 'recovered') throw err;
    }
  }
  const signerName = body.signerName?.trim() || me.fullName;
  const id = await inTransaction(pool, async (client) => {
    const locked = await episodeInScope(client, me, episode.id, { lock: true });
    const valid = (await certificatesOfEpisode(client, locked)).find((r) => !r.revokedAt);
    if (valid) throw alreadyIssued(valid);
    if (locked.status === 'active') {
      await endEpisode(client, me, locked, {
        on: check.isolationTo,
        reason: 'completed',
        criterion: check.criterion,
      });
    }
    const seq = await nextSequence(client, locked, certificateYear(today));
    const certificateId = await insertCertificate(client, {
      provinceCode: locked.provinceCode,
      unitCode: locked.unitCode,
      episodeId: locked.id,
      personId: locked.personId,
      number: certificateNumber(seq),
      issuedOn: today,
      issuedBy: me.accountId,
      signerName,
      holderName: locked.personName,
      holderBirthYear: Number(locked.birthDate.slice(0, 4)),
      isolationFrom: locked.startOn,
      isolationTo: check.isolationTo,
      criterion: check.criterion,
      // 18 random bytes: 24 base64url characters, 144 bits nobody guesses.
      verifyCode: verifyCode(locked.provinceCode, randomBytes(18).toString('base64url')),
    });
    await recordAudit(client, request, {
      action: 'create',
      entity: 'recovery_certificate',
      entityId: certificateId,
      place: placeOf(locked),
      detail: { episodeId: locked.id, number: certificateNumber(seq), policy: check.policy.code },
    });
    return certificateId;
  });
  return certificateOut((await certificateInScope(pool, me, id))!);
}

function alreadyIssued(row: CertificateRow): AppError {
  return new AppError(
    409,
    'certificate_exists',
    `Đợt cách ly này đã được cấp giấy xác nhận khỏi bệnh số ${row.number}; thu hồi giấy đó trước khi cấp lại`,
    undefined,
    undefined,
    { certificateId: row.id },
  );
}

/** Revokes a valid certificate (a wrong holder, a mistaken criterion); the public check then says so. */
export async function revokeCertificate(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  reason: string,
) {
  mayIssue(me);
  const why = reason.trim();
  if (!why) throw new AppError(400, 'required', 'Hãy ghi lý do thu hồi', 'reason');
  await inTransaction(pool, async (client) => {
    const row = await certificateInScope(client, me, id);
    if (!row) throw notFound(NOT_FOUND);
    const done = await client.query(
      `UPDATE recovery_certificates SET revoked_at = now(), revoked_reason = $3
        WHERE id = $1 AND province_code = $2 AND revoked_at IS NULL`,
      [id, row.provinceCode, why],
    );
    if (done.rowCount === 0)
      throw new AppError(409, 'certificate_revoked', 'Giấy xác nhận này đã bị thu hồi trước đó', 'id');
    await recordAudit(client, request, {
      action: 'update',
      entity: 'recovery_certificate',
      entityId: id,
      place: placeOf(row),
      detail: { revoked: true, reason: why },
    });
  });
  return certificateOut((await certificateInScope(pool, me, id))!);
}

/** Where the QR points: PUBLIC_BASE_URL when set (the address people reach), else the request's own origin. */
export function verifyUrlOf(request: FastifyRequest, code: string, publicBaseUrl?: string): string {
  const base = publicBaseUrl || `${request.protocol}://${request.host}`;
  return `${base}/xac-minh/${encodeURIComponent(code)}`;
}

/** The paper as PDF; printing a person's certificate is a read of their record, audited. */
export async function certificateFile(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  publicBaseUrl?: string,
) {
  const row = await certificateInScope(pool, me, id);
  if (!row) throw notFound(NOT_FOUND);
  recordRead(pool, request, {
    action: 'print',
    entity: 'recovery_certificate',
    entityId: id,
    place: placeOf(row),
  });
  return {
    pdf: await certificatePdf(row, verifyUrlOf(request, row.verifyCode, publicBaseUrl)),
    number: row.number,
  };
}

/** What the public check shows: exactly the facts printed on the paper, and whether it still stands. */
export async function verifyCertificate(pool: Pool, code: string) {
  const province = provinceOfVerifyCode(code);
  const row = province ? await certificateByCode(pool, code, province) : undefined;
  if (!row) throw new AppError(404, 'certificate_not_found', 'Không tìm thấy giấy xác nhận với mã này');
  return {
    holderName: row.holderName,
    holderBirthYear: row.holderBirthYear,
    isolationFrom: row.isolationFrom,
    isolationTo: row.isolationTo,
    station: stationName(row),
    number: row.number,
    issuedOn: row.issuedOn,
    status: row.revokedAt ? ('revoked' as const) : ('valid' as const),
  };
}

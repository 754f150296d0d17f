import { formatVnDate } from '../dates/dates.ts';
import { addDays, daysBetween } from '../surveillance/days.ts';
import {
  earliestRelease,
  ISOLATION_POLICIES,
  type IsolationTables,
  isolationPlan,
  type ReleaseFacts,
} from '../surveillance/isolation.ts';
import { type PolicyRef, versionAt } from '../surveillance/policy.ts';

/**
 * The recovery certificate (giấy xác nhận khỏi bệnh) the commune health station issues to an F0
 * whose isolation ended under the policy in force (rules §2.3, §3.5: "Trạm Y tế xã … cấp giấy xác
 * nhận khỏi bệnh", CV 762/BYT-DP).
 */

/**
 * The title printed on the paper. The MoH templates of CV 762/BYT-DP and QĐ 604/QĐ-BYT could not be
 * read (rules file: only summaries stored): the wording "GIẤY XÁC NHẬN KHỎI BỆNH COVID-19" is what
 * stations printed as reported in the press, UNCONFIRMED against the template.
 */
export const CERTIFICATE_TITLE = 'GIẤY XÁC NHẬN KHỎI BỆNH COVID-19';
export const CERTIFICATE_TITLE_UNCONFIRMED = true;

/** The paper's number: `<seq>/GXN-TYT`, counted per station per year (the station's register). */
export function certificateNumber(seq: number): string {
  return `${seq}/GXN-TYT`;
}

/** The year the sequence of a number restarts: the calendar year of the issue date. */
export function certificateYear(issuedOn: string): number {
  return Number(issuedOn.slice(0, 4));
}

/** `<province>-<random>`: the province lets one shard answer the public check (random part from the server). */
export function verifyCode(provinceCode: string, random: string): string {
  return `${provinceCode}-${random}`;
}

/** The province of a verify code, or null when the code is not of that shape. */
export function provinceOfVerifyCode(code: string): string | null {
  const m = /^(\d{2})-[A-Za-z0-9_-]{22,64}$/.exec(code);
  return m ? m[1] : null;
}

export type CertificateRefusal =
  | 'not_case_episode'
  | 'episode_not_completed'
  | 'isolation_too_short'
  | 'negative_test_missing'
  | 'release_not_reached';

export interface CertificateEpisode {
  reason: string;
  status: string;
  endReason: string | null;
  endedOn: string | null;
}

export type CertificateCheck =
  | {
      ok: true;
      /** The day isolation ended: the episode's end, or the day of issue for an active episode. */
      isolationTo: string;
      /** The criterion met, as printed: what, when, under which document. */
      criterion: string;
      policy: PolicyRef;
    }
  | { ok: false; code: CertificateRefusal; message: string; policy?: PolicyRef; earliestOn?: string | null };

const END_REASON_WORDS: Record<string, string> = {
  became_case: 'chuyển thành ca bệnh',
  transferred: 'chuyển đi nơi khác',
  died: 'tử vong',
  absconded: 'tự ý bỏ cách ly',
  other: 'lý do khác',
};

function cite(policy: PolicyRef): string {
  return `${policy.source}${policy.unconfirmed ? ' (căn cứ có điểm chưa xác nhận)' : ''}`;
}

/**
 * Whether the station may certify recovery of an F0 on `onDay` (today) for this episode: only for
 * an F0 isolation (reason case) that is active or ended as completed, once the release criterion of
 * the isolation policy in force on the detection day is met (earliestRelease). A refusal says why
 * in words ("chưa đủ 7 ngày", "chưa có xét nghiệm âm tính") with the earliest day when one is known.
 */
export function certificateCheck(
  episode: CertificateEpisode,
  facts: ReleaseFacts,
  onDay: string,
  tables: Partial<IsolationTables> = {},
): CertificateCheck {
  if (episode.reason !== 'case') {
    return {
      ok: false,
      code: 'not_case_episode',
      message:
        'Chỉ cấp giấy xác nhận khỏi bệnh cho người mắc COVID-19 (F0); đợt cách ly này không phải cách ly điều trị F0',
    };
  }
  if (episode.status !== 'active' && episode.endReason !== 'completed') {
    const why = END_REASON_WORDS[episode.endReason ?? 'other'] ?? END_REASON_WORDS.other;
    return {
      ok: false,
      code: 'episode_not_completed',
      message: `Đợt cách ly đã kết thúc (${why}), không cấp giấy xác nhận khỏi bệnh`,
    };
  }
  const day = episode.status === 'active' ? onDay : (episode.endedOn ?? onDay);
  const plan = isolationPlan(facts, tables);
  const release = earliestRelease(facts, tables);
  const policy = release.policy;

  if (plan.earliestEnd !== null && day < plan.earliestEnd) {
    const days = daysBetween(facts.detectedOn, plan.earliestEnd);
    return {
      ok: false,
      code: 'isolation_too_short',
      message:
        `Chưa đủ ${days} ngày cách ly: phát hiện ngày ${formatVnDate(facts.detectedOn)}, sớm nhất từ ngày ` +
        `${formatVnDate(plan.earliestEnd)} mới xác nhận khỏi bệnh (theo ${cite(policy)})`,
      policy,
      earliestOn: release.earliestOn,
    };
  }
  if (release.earliestOn === null) {
    const from = plan.earliestEnd ?? facts.detectedOn;
    return {
      ok: false,
      code: 'negative_test_missing',
      message:
        `Chưa có xét nghiệm âm tính từ ngày ${formatVnDate(from)}: cần kết quả âm tính trước khi xác nhận ` +
        `khỏi bệnh (theo ${cite(policy)})`,
      policy,
      earliestOn: null,
    };
  }
  if (day < release.earliestOn) {
    const from = plan.earliestEnd ?? facts.detectedOn;
    const message =
      plan.earliestEnd === null
        ? `Xét nghiệm âm tính ngày ${formatVnDate(addDays(release.earliestOn, -1))}: theo ${cite(policy)}, ` +
          `xác nhận khỏi bệnh từ ngày ${formatVnDate(release.earliestOn)}`
        : `Chưa có xét nghiệm âm tính từ ngày ${formatVnDate(from)}: nếu không có, chỉ xác nhận khỏi bệnh từ ngày ` +
          `${formatVnDate(release.earliestOn)} (theo ${cite(policy)})`;
    return { ok: false, code: 'release_not_reached', message, policy, earliestOn: release.earliestOn };
  }

  return {
    ok: true,
    isolationTo: day,
    criterion: criterionText(facts, plan, release.earliestOn, tables),
    policy,
  };
}

function criterionText(
  facts: ReleaseFacts,
  plan: ReturnType<typeof isolationPlan>,
  earliestOn: string,
  tables: Partial<IsolationTables>,
): string {
  const source = plan.policy.source;
  if (plan.earliestEnd === null) {
    return `Đủ tiêu chuẩn ra viện, xét nghiệm âm tính ngày ${formatVnDate(addDays(earliestOn, -1))} (${source})`;
  }
  const version = versionAt(tables.home ?? ISOLATION_POLICIES.home, facts.detectedOn);
  if (!version.exitTest) return `Đủ ${version.days} ngày cách ly, hết triệu chứng (${source})`;
  const negative = facts.negativeTests.some((t) => t.on === earliestOn);
  if (negative) {
    return `Đủ ${version.days} ngày cách ly, xét nghiệm âm tính ngày ${formatVnDate(earliestOn)} (${source})`;
  }
  return `Đủ ${daysBetween(facts.detectedOn, earliestOn)} ngày cách ly (${source})`;
}

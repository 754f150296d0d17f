import { parseIsoDate } from '../dates/dates.ts';

/** One version of a rule that changed over time, and the document it comes from. */
export interface PolicyRef {
  /** Stable id, stored with what the version decided (for example `contacts.policy_code`). */
  code: string;
  /** The document as people cite it, with its date: 'CV 1909/BYT-DP (15/04/2022)'. */
  source: string;
  /** First day the version applies (YYYY-MM-DD), compared with the date of the fact being judged. */
  effectiveFrom: string;
  /** The document or a number of this version is UNCONFIRMED in the rules file: check before relying on it. */
  unconfirmed?: true;
  /** What exactly is UNCONFIRMED, in Vietnamese, for the "căn cứ" shown to people (set with `unconfirmed`). */
  unconfirmedPoints?: readonly string[];
}

/** First day any version applies: the first case in Vietnam (23/01/2020). */
export const FIRST_CASE_DATE = '2020-01-23';

/**
 * The version in force on `date`: the latest whose effectiveFrom is on or before it. `versions` must be
 * sorted by effectiveFrom; the first version also judges any earlier date, so a table always answers.
 */
export function versionAt<T extends PolicyRef>(versions: readonly T[], date: string): T {
  if (!parseIsoDate(date)) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  if (versions.length === 0) throw new RangeError('a policy table needs at least one version');
  let found = versions[0];
  for (const version of versions) {
    if (version.effectiveFrom <= date) found = version;
  }
  return found;
}

/** The citation part of a version, without its numbers: what a result carries. */
export function policyRef(version: PolicyRef): PolicyRef {
  const { code, source, effectiveFrom, unconfirmed, unconfirmedPoints } = version;
  if (!unconfirmed) return { code, source, effectiveFrom };
  const ref: PolicyRef = { code, source, effectiveFrom, unconfirmed };
  return unconfirmedPoints ? { ...ref, unconfirmedPoints: [...unconfirmedPoints] } : ref;
}

/** A citation marked UNCONFIRMED for one more point (a convention the result relies on, say). */
export function withUnconfirmed(ref: PolicyRef, point: string): PolicyRef {
  const points = ref.unconfirmedPoints ?? [];
  return {
    ...ref,
    unconfirmed: true,
    unconfirmedPoints: points.includes(point) ? points : [...points, point],
  };
}

import { ageOn } from '../dates/dates.ts';

/**
 * The age groups coverage is reported in (rules file §4.3): age in completed years on the as-of
 * date. `18+`, `12-17` (12 to under 18), `5-11` (5 to under 12) and `50+` are CONFIRMED in the
 * Ministry's reporting; `65+` is UNCONFIRMED (not found), kept because issue 9 asks for it.
 */
export const AGE_GROUPS = ['18+', '12-17', '5-11', '50+', '65+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const AGE_GROUP_BOUNDS: Record<
  AgeGroup,
  { from: number; toExclusive: number | null; unconfirmed?: true }
> = {
  '18+': { from: 18, toExclusive: null },
  '12-17': { from: 12, toExclusive: 18 },
  '5-11': { from: 5, toExclusive: 12 },
  '50+': { from: 50, toExclusive: null },
  '65+': { from: 65, toExclusive: null, unconfirmed: true },
};

/** The words of a group in a report sentence ("người từ 12 tuổi đến dưới 18 tuổi"). */
export const AGE_GROUP_WORDS: Record<AgeGroup, string> = {
  '18+': 'người từ 18 tuổi trở lên',
  '12-17': 'người từ 12 tuổi đến dưới 18 tuổi',
  '5-11': 'trẻ từ 5 tuổi đến dưới 12 tuổi',
  '50+': 'người từ 50 tuổi trở lên',
  '65+': 'người từ 65 tuổi trở lên',
};

/** Whether someone born on `birthDate` is in `group` on `asOf`: the 18th birthday counts as 18. */
export function inAgeGroup(group: AgeGroup, birthDate: string, asOf: string): boolean {
  const age = ageOn(birthDate, asOf);
  const { from, toExclusive } = AGE_GROUP_BOUNDS[group];
  return age >= from && (toExclusive === null || age < toExclusive);
}

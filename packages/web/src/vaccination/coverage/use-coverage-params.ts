import { AGE_GROUPS, type AgeGroup } from '@tuyendau/domain';
import { useSearchParams } from 'react-router';
import { DOSES } from './types.ts';

/** What the coverage page shows; kept in the address so a view can be shared or bookmarked. */
export interface CoverageParams {
  /** Empty: the account's own unit. */
  unit?: string;
  /** Empty: today (the server's day in Vietnam). */
  asOf?: string;
  ageGroup: AgeGroup;
  dose: number;
}

/** The group and dose a conclusion names first (dose 3 for adults: the booster campaign of 2022). */
export const DEFAULT_GROUP: AgeGroup = '18+';
export const DEFAULT_DOSE = 3;

/** /vaccination/coverage?unit=105&asOf=2022-08-31&ageGroup=12-17&dose=3, defaults left out. */
export function coverageUrl(params: Partial<CoverageParams>): string {
  const search = new URLSearchParams();
  if (params.unit) search.set('unit', params.unit);
  if (params.asOf) search.set('asOf', params.asOf);
  if (params.ageGroup && params.ageGroup !== DEFAULT_GROUP) search.set('ageGroup', params.ageGroup);
  if (params.dose && params.dose !== DEFAULT_DOSE) search.set('dose', String(params.dose));
  const text = search.toString();
  return text ? `/vaccination/coverage?${text}` : '/vaccination/coverage';
}

export function useCoverageParams() {
  const [search, setSearch] = useSearchParams();
  const group = search.get('ageGroup');
  const dose = Number(search.get('dose'));
  const params: CoverageParams = {
    unit: search.get('unit') || undefined,
    asOf: search.get('asOf') || undefined,
    ageGroup: (AGE_GROUPS as readonly string[]).includes(group ?? '') ? (group as AgeGroup) : DEFAULT_GROUP,
    dose: (DOSES as readonly number[]).includes(dose) ? dose : DEFAULT_DOSE,
  };
  function set(changes: Partial<CoverageParams>): void {
    const next = { ...params, ...changes };
    setSearch(new URLSearchParams(coverageUrl(next).split('?')[1] ?? ''), { replace: !('unit' in changes) });
  }
  return { params, set };
}

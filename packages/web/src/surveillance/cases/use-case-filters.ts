import { useSearchParams } from 'react-router';

export const CASE_FILTER_NAMES = [
  'unit',
  'from',
  'to',
  'status',
  'severity',
  'carePlace',
  'cluster',
  'q',
  // Under care on a day (the situation page links here); with carePlace, the place on that day.
  'activeOn',
] as const;
export type CaseFilterName = (typeof CASE_FILTER_NAMES)[number];
export type CaseFilters = Partial<Record<CaseFilterName, string>>;

/** The case list filters, kept in the address (/cases?unit=...&status=active) so a list can be shared. */
export function useCaseFilters() {
  const [params, setParams] = useSearchParams();
  const filters: CaseFilters = {};
  for (const name of CASE_FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }

  function setFilters(changes: CaseFilters): void {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }

  function clearFilters(): void {
    setParams(new URLSearchParams(), { replace: true });
  }

  return { filters, setFilters, clearFilters };
}

/** The same filters as a query string, for the XLSX export link. */
export function filterQueryString(filters: CaseFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `?${search}` : '';
}

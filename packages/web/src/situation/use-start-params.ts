import { useSearchParams } from 'react-router';

/** Each start-page panel is asked for the same day and unit. */
export interface PanelParams {
  date?: string;
  unit?: string;
}

/**
 * The day and unit a start page shows, kept in the address (?date=2022-05-01&unit=105) so a view
 * can be shared; without a date the server answers for today in Vietnam.
 */
export function useStartParams() {
  const [params, setParams] = useSearchParams();
  const value: PanelParams = {
    date: params.get('date') ?? undefined,
    unit: params.get('unit') ?? undefined,
  };
  function set(changes: PanelParams): void {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, v] of Object.entries(changes)) {
          if (v) next.set(name, v);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }
  return { params: value, set };
}

/** A list's address with its filters, empty ones left out. */
export function listUrl(path: string, filters: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { PanelParams } from '../use-start-params.ts';

/** The data of one panel route for a day and unit; the previous day's stays shown while the next loads. */
export function usePanel<T>(path: string, params: PanelParams) {
  return useQuery({
    queryKey: [path, params.date ?? null, params.unit ?? null],
    queryFn: () => api.get<T>(path, { date: params.date, unit: params.unit }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

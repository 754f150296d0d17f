import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { CaseDetail } from '../shared/types.ts';

export const caseKey = (id: string | undefined) => ['case', id] as const;

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: () => api.get<CaseDetail>(`/cases/${encodeURIComponent(id!)}`),
    enabled: id !== undefined,
  });
}

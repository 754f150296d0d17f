import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import type { PersonDetail } from './types.ts';

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: ['person', id],
    queryFn: () => api.get<PersonDetail>(`/persons/${encodeURIComponent(id!)}`),
    enabled: id !== undefined,
  });
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { PersonDoses } from './types.ts';

export const personDosesKey = (personId: string) => ['person', personId, 'doses'] as const;

export function usePersonDoses(personId: string, enabled = true) {
  return useQuery({
    queryKey: personDosesKey(personId),
    queryFn: () => api.get<PersonDoses>(`/persons/${encodeURIComponent(personId)}/doses`),
    enabled,
    // Fresh each time the page opens: a dose imported or marked at the door shows at once.
    staleTime: 0,
  });
}

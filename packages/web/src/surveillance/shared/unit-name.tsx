import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { UnitDetail } from '../../units/types.ts';

/** A unit's name from its code (its code until the name arrives). */
export function UnitName({ code }: { code: string }) {
  const unit = useQuery({
    queryKey: ['unit', code],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(code)}`),
    staleTime: 5 * 60_000,
  });
  return <>{unit.data?.name ?? code}</>;
}

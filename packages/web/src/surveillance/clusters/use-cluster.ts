import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { ClusterDetail } from '../shared/types.ts';

export const clusterKey = (id: string | undefined) => ['cluster', id] as const;

export function useCluster(id: string | undefined) {
  return useQuery({
    queryKey: clusterKey(id),
    queryFn: () => api.get<ClusterDetail>(`/clusters/${encodeURIComponent(id!)}`),
    enabled: id !== undefined,
  });
}

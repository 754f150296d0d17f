import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { api, type ListPage } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import type { Cluster } from './types.ts';

interface ClusterSelectProps extends Omit<SelectProps<string>, 'options' | 'showSearch'> {
  /** Only clusters still open (registering a case); every cluster otherwise (filters). */
  openOnly?: boolean;
}

/** The clusters of the account's area, newest first, searchable by name. */
export function ClusterSelect({ openOnly, ...props }: ClusterSelectProps) {
  const clusters = useQuery({
    queryKey: ['/clusters', 'options', openOnly ?? false],
    queryFn: async () =>
      (await api.get<ListPage<Cluster>>('/clusters', { status: openOnly ? 'open' : undefined, limit: 200 }))
        .items,
    staleTime: 60_000,
  });
  return (
    <Select<string>
      {...props}
      loading={clusters.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(clusters.data ?? []).map((cluster) => ({
        value: cluster.id,
        label: `${cluster.name} (${cluster.unitName}, ${formatDate(cluster.openedOn)})`,
      }))}
    />
  );
}

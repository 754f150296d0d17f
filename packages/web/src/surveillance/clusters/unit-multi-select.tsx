import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage } from '../../app/api.ts';
import { useDebounced } from '../../app/use-debounced.ts';
import type { Unit, UnitDetail } from '../../units/types.ts';

export interface UnitValue {
  value: string;
  label: string;
}

interface UnitMultiSelectProps
  extends Omit<SelectProps<UnitValue[]>, 'options' | 'showSearch' | 'mode' | 'labelInValue'> {
  /** The unit whose own code and children are offered before anything is typed. */
  around: string;
}

/** Several units at once (a lockdown zone over a commune and its neighbours), labels kept with the values. */
export function UnitMultiSelect({ around, ...props }: UnitMultiSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const units = useQuery({
    queryKey: ['unit-multi-options', around, q],
    queryFn: async (): Promise<Unit[]> => {
      if (q) return (await api.get<ListPage<Unit>>('/units', { q, limit: 50 })).items;
      const own = await api.get<UnitDetail>(`/units/${encodeURIComponent(around)}`);
      return [own, ...own.children];
    },
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  return (
    <Select<UnitValue[]>
      {...props}
      mode="multiple"
      labelInValue
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={(units.data ?? []).map((unit) => ({ value: unit.code, label: unit.name }))}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      notFoundContent={units.isFetching ? <Spin size="small" /> : t('units.noMatch')}
    />
  );
}

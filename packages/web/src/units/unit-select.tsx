import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Jurisdiction, type UnitLevel, useAccount } from '../app/account.ts';
import { api, type ListPage } from '../app/api.ts';
import { useDebounced } from '../app/use-debounced.ts';
import type { Unit, UnitDetail } from './types.ts';

/** Whether `unit` lies inside the account's jurisdiction (the server has the last word). */
function insideJurisdiction(unit: Unit, jurisdiction: Jurisdiction | null): boolean {
  switch (jurisdiction?.level) {
    case undefined:
      return true;
    case 'province':
      return unit.provinceCode === jurisdiction.provinceCode;
    case 'district':
      return unit.code === jurisdiction.code || unit.parentCode === jurisdiction.code;
    case 'commune':
      return unit.code === jurisdiction.code;
  }
}

interface UnitSelectProps extends Omit<SelectProps<string>, 'options' | 'showSearch'> {
  /** Only units of this level. */
  level?: UnitLevel;
  /** The unit already chosen, so its name shows before any search. */
  known?: { code: string; name: string };
}

/**
 * A searchable select of units inside the account's jurisdiction. Before anything is typed it
 * offers the account's own unit and its children (the provinces for a whole-country account);
 * typing searches all units by name.
 */
export function UnitSelect({ level, known, onChange, ...props }: UnitSelectProps) {
  const { t } = useTranslation();
  const me = useAccount();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string }>();
  const q = useDebounced(search.trim());
  const units = useQuery({
    queryKey: ['unit-options', me.unit?.code, level, q],
    queryFn: async (): Promise<Unit[]> => {
      if (q) return (await api.get<ListPage<Unit>>('/units', { q, level, limit: 50 })).items;
      if (me.unit) {
        const own = await api.get<UnitDetail>(`/units/${encodeURIComponent(me.unit.code)}`);
        return [own, ...own.children];
      }
      if (level && level !== 'province') return [];
      return (await api.get<ListPage<Unit>>('/units', { level: 'province', limit: 100 })).items;
    },
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const found = (units.data ?? []).filter(
    (unit) => (!level || unit.level === level) && insideJurisdiction(unit, me.unit),
  );
  const options = found.map((unit) => ({ value: unit.code, label: unit.name }));
  const current = [known && { value: known.code, label: known.name }, chosen].find(
    (option) => option?.value === props.value,
  );
  if (current && !options.some((option) => option.value === current.value)) options.unshift(current);
  return (
    <Select<string>
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      onChange={(value, option) => {
        if (option && !Array.isArray(option)) setChosen({ value, label: String(option.label) });
        onChange?.(value, option);
      }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      notFoundContent={
        units.isFetching ? <Spin size="small" /> : q ? t('units.noMatch') : t('units.typeToSearch')
      }
    />
  );
}

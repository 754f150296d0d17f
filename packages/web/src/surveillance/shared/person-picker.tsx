import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Person } from '@tuyendau/domain';
import { Select, type SelectProps, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { useDebounced } from '../../app/use-debounced.ts';
import { usePerson } from '../../persons/use-person.ts';

export interface PersonOption {
  value: string;
  label: string;
  person?: Person;
}

/** "Nguyễn Văn A · 01/02/1980 · Xã Sơn Bình · 0912***678": enough to tell namesakes apart. */
export function personLabel(
  person: Pick<Person, 'fullName' | 'birthDate' | 'unitName'> & Partial<Person>,
): string {
  return [person.fullName, formatDate(person.birthDate), person.unitName, person.idNumber ?? person.phone]
    .filter(Boolean)
    .join(' · ');
}

interface PersonPickerProps
  extends Omit<SelectProps<string>, 'options' | 'showSearch' | 'onChange' | 'mode'> {
  /** The person already chosen, so its name shows before any search. */
  known?: PersonOption;
  onChange?: (value: string | undefined, option: PersonOption | undefined) => void;
}

/** Finds a person of the registry by name (with or without diacritics), CCCD/CMND or phone. */
export function PersonPicker({ known, onChange, ...props }: PersonPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<PersonOption>();
  const q = useDebounced(search.trim());
  const persons = useQuery({
    queryKey: ['person-options', q],
    queryFn: async () => (await api.get<ListPage<Person>>('/persons', { q, limit: 20 })).items,
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const options: PersonOption[] = (q.length >= 2 ? (persons.data ?? []) : []).map((person) => ({
    value: person.id,
    label: personLabel(person),
    person,
  }));
  // A person set by the form itself (picked from a list of likely duplicates): fetched to show their name.
  const unnamed =
    props.value && ![known, chosen].some((o) => o?.value === props.value) ? props.value : undefined;
  const fetched = usePerson(unnamed).data;
  const named = fetched && { value: fetched.id, label: personLabel(fetched), person: fetched };
  const current = [known, chosen, named].find((option) => option && option.value === props.value);
  if (current && !options.some((option) => option.value === current.value)) options.unshift(current);
  return (
    <Select<string, PersonOption>
      placeholder={t('cases.personPlaceholder')}
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      onChange={(value, option) => {
        const picked = option && !Array.isArray(option) ? option : undefined;
        if (picked) setChosen(picked);
        onChange?.(value, picked);
      }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      notFoundContent={
        persons.isFetching ? (
          <Spin size="small" />
        ) : q.length >= 2 ? (
          t('cases.personNoMatch')
        ) : (
          t('cases.personTypeToSearch')
        )
      }
    />
  );
}

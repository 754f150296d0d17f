import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Input, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../app/api.ts';
import { useDebounced } from '../app/use-debounced.ts';
import type { Household } from './types.ts';

/** How a household reads in a list: its address and who lives there. */
function householdLabel(h: Pick<Household, 'address' | 'members'>, noAddress: string): string {
  const names = h.members.map((m) => m.fullName).join(', ');
  return [h.address || noAddress, names].filter(Boolean).join(' — ');
}

interface HouseholdFieldProps {
  /** The residence commune: households are chosen or created there. */
  unitCode?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The household already chosen (an edited person's), so it shows before any search. */
  known?: Pick<Household, 'id' | 'address' | 'members'>;
  id?: string;
}

/**
 * The household of a person: one of the commune's households (searched by address or by the name
 * of someone living there), or a new one created here with its address.
 */
export function HouseholdField({ unitCode, value, onChange, known, id }: HouseholdFieldProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [address, setAddress] = useState('');
  const [made, setMade] = useState<Household>();
  const q = useDebounced(search.trim());
  const households = useQuery({
    queryKey: ['/households', unitCode, q],
    queryFn: () => api.get<{ items: Household[] }>('/households', { unit: unitCode, q, limit: 20 }),
    enabled: unitCode !== undefined,
    placeholderData: keepPreviousData,
  });
  const create = useMutation({
    mutationFn: () => api.post<Household>('/households', { unitCode, address: address.trim() || undefined }),
    onSuccess: (household) => {
      const created = { ...household, members: [] };
      setMade(created);
      setCreating(false);
      setAddress('');
      onChange?.(created.id);
      message.success(t('personHub.householdCreated'));
    },
    onError: (error) => message.error(messageOf(error)),
  });
  const noAddress = t('personHub.householdNoAddress');
  const options = (households.data?.items ?? []).map((h) => ({
    value: h.id,
    label: householdLabel(h, noAddress),
  }));
  for (const extra of [made, known]) {
    if (extra && !options.some((o) => o.value === extra.id)) {
      options.unshift({ value: extra.id, label: householdLabel(extra, noAddress) });
    }
  }
  if (!unitCode) {
    return <Select id={id} disabled placeholder={t('personHub.householdNeedsUnit')} />;
  }
  return (
    <Flex vertical gap={8}>
      <Flex gap={8}>
        <Select<string>
          id={id}
          data-testid="household-select"
          allowClear
          value={value ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          showSearch={{ filterOption: false, onSearch: setSearch }}
          placeholder={t('personHub.householdPlaceholder')}
          options={options}
          notFoundContent={households.isFetching ? <Spin size="small" /> : t('personHub.householdNone')}
          style={{ flex: 1, minWidth: 0 }}
        />
        {!creating && (
          <Button data-testid="household-new" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('personHub.householdNew')}
          </Button>
        )}
      </Flex>
      {creating && (
        <Flex gap={8} wrap>
          <Input
            data-testid="household-address"
            autoFocus
            maxLength={500}
            placeholder={t('personHub.householdAddress')}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault();
              create.mutate();
            }}
            style={{ flex: '1 1 240px' }}
          />
          <Button
            data-testid="household-create"
            type="primary"
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            {t('personHub.householdCreate')}
          </Button>
          <Button onClick={() => setCreating(false)}>{t('common.cancel')}</Button>
        </Flex>
      )}
    </Flex>
  );
}

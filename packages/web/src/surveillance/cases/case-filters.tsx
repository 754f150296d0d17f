import { FilterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, DatePicker, Flex, Grid, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { SearchInput } from '../../app/search-input.tsx';
import type { UnitDetail } from '../../units/types.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import { useCarePlaces } from '../shared/care-places.ts';
import { ClusterSelect } from '../shared/cluster-select.tsx';
import { DATE_FORMAT, isoDate } from '../shared/dates.ts';
import {
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  optionsOf,
  SEVERITIES,
  SEVERITY_LABELS,
} from '../shared/labels.ts';
import type { CaseFilters as Filters } from './use-case-filters.ts';

interface CaseFiltersProps {
  filters: Filters;
  onChange: (changes: Filters) => void;
  onClear: () => void;
}

const FIELD = { flex: '1 1 200px', maxWidth: 280 } as const;
const PHONE_FIELD = { flex: '1 1 100%' } as const;

/** Unit, detection dates, status, severity, care place, cluster and name of the case list. */
export function CaseFilters({ filters, onChange, onClear }: CaseFiltersProps) {
  const { t } = useTranslation();
  const carePlaces = useCarePlaces();
  // The unit may come from a link: fetch its name for the select.
  const unit = useQuery({
    queryKey: ['unit', filters.unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(filters.unit!)}`),
    enabled: filters.unit !== undefined,
  });
  // On a phone the filters other than the name fold behind one button.
  const phone = Grid.useBreakpoint().md === false;
  const [open, setOpen] = useState(false);
  const field = phone ? PHONE_FIELD : FIELD;
  const range: [Dayjs | null, Dayjs | null] = [
    filters.from ? dayjs(filters.from) : null,
    filters.to ? dayjs(filters.to) : null,
  ];
  const any = Object.values(filters).some(Boolean);
  const folded = Object.entries(filters).filter(
    ([name, value]) => name !== 'q' && name !== 'activeOn' && value,
  ).length;
  const shown = !phone || open;
  return (
    <Flex data-testid="case-filters" wrap gap={8} style={{ marginBottom: 16 }}>
      <SearchInput
        key={filters.q ?? ''}
        testId="case-search"
        label={t('cases.search')}
        placeholder={t('cases.searchPlaceholder')}
        initial={filters.q ?? ''}
        onSearch={(q) => onChange({ q })}
        style={phone ? { flex: '1 1 200px' } : { flex: '1 1 240px', maxWidth: 360 }}
      />
      {phone && (
        <Badge count={folded} size="small">
          <Button
            data-testid="case-filters-toggle"
            icon={<FilterOutlined />}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {t('cases.filters')}
          </Button>
        </Badge>
      )}
      {filters.activeOn && (
        <Tag
          data-testid="case-active-on-filter"
          closable
          onClose={() => onChange({ activeOn: undefined })}
          style={{ alignSelf: 'center' }}
        >
          {t('situation.activeOn', { date: formatDate(filters.activeOn) })}
        </Tag>
      )}
      {shown && (
        <>
          <UnitSelect
            data-testid="case-unit-filter"
            aria-label={t('cases.unitFilter')}
            placeholder={t('cases.unitFilter')}
            allowClear
            value={filters.unit}
            known={unit.data}
            onChange={(value) => onChange({ unit: value })}
            style={field}
          />
          <DatePicker.RangePicker
            data-testid="case-date-filter"
            aria-label={t('cases.detectedRange')}
            format={DATE_FORMAT}
            placeholder={[t('cases.detectedFrom'), t('cases.detectedTo')]}
            allowEmpty={[true, true]}
            value={range}
            onChange={(dates) =>
              onChange({
                from: dates?.[0] ? isoDate(dates[0]) : undefined,
                to: dates?.[1] ? isoDate(dates[1]) : undefined,
              })
            }
            style={phone ? PHONE_FIELD : { flex: '1 1 240px', maxWidth: 300 }}
          />
          <Select
            data-testid="case-status-filter"
            aria-label={t('cases.status')}
            placeholder={t('cases.status')}
            allowClear
            value={filters.status}
            options={optionsOf(CASE_STATUSES, CASE_STATUS_LABELS)}
            onChange={(status) => onChange({ status })}
            style={field}
          />
          <Select
            data-testid="case-severity-filter"
            aria-label={t('cases.severity')}
            placeholder={t('cases.severity')}
            allowClear
            value={filters.severity}
            options={optionsOf(SEVERITIES, SEVERITY_LABELS)}
            onChange={(severity) => onChange({ severity })}
            style={field}
          />
          <Select
            data-testid="case-care-filter"
            aria-label={t('cases.carePlace')}
            placeholder={t('cases.carePlace')}
            allowClear
            value={filters.carePlace}
            loading={carePlaces.loading}
            options={carePlaces.options}
            onChange={(carePlace) => onChange({ carePlace })}
            style={field}
          />
          <ClusterSelect
            data-testid="case-cluster-filter"
            aria-label={t('cases.cluster')}
            placeholder={t('cases.cluster')}
            allowClear
            value={filters.cluster}
            onChange={(cluster) => onChange({ cluster })}
            style={field}
          />
        </>
      )}
      {any && shown && (
        <Button data-testid="case-filters-clear" onClick={onClear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </Flex>
  );
}

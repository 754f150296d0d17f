import {
  FACILITY_KIND_LABELS,
  FACILITY_KINDS,
  FACILITY_STATE_LABELS,
  FACILITY_STATES,
  FACILITY_TYPE_LABELS,
  type FacilityKind,
  type FacilityState,
} from '@tuyendau/domain';
import { Button, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { CursorList, FilterBar, type ListColumn } from '../../app/cursor-list.tsx';
import { formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import { FreeBeds, StateTag } from './bits.tsx';
import { FacilityFormModal } from './facility-form.tsx';
import type { Facility } from './types.ts';

/** Isolation sites and treatment facilities of the jurisdiction, free beds coloured by how full. */
export function FacilityListPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [kind, setKind] = useState<FacilityKind>();
  const [state, setState] = useState<FacilityState>();
  const [creating, setCreating] = useState(false);
  const list = useCursorList<Facility>('/facilities', { kind, state, limit: 50 });
  const columns: ListColumn<Facility>[] = [
    {
      key: 'name',
      title: t('places.name'),
      card: 'title',
      render: (f) => <Link to={`/care/facilities/${f.id}`}>{f.name}</Link>,
    },
    {
      key: 'state',
      title: t('places.state'),
      card: 'extra',
      bare: true,
      render: (f) => <StateTag state={f.state} />,
    },
    {
      key: 'free',
      title: t('places.freeBeds'),
      card: 'primary',
      bare: true,
      render: (f) => <FreeBeds beds={f.beds} occupied={f.occupied} testId={`free-${f.id}`} />,
    },
    {
      key: 'kind',
      title: t('places.kind'),
      width: 280,
      render: (f) =>
        `${FACILITY_KIND_LABELS[f.kind]} · ${FACILITY_TYPE_LABELS[f.type]}${f.tierName ? ` · ${f.tierName}` : ''}`,
    },
    { key: 'occupied', title: t('places.occupied'), align: 'right', render: (f) => formatNumber(f.occupied) },
    { key: 'unit', title: t('places.unit'), render: (f) => f.unitName ?? f.unitCode },
  ];
  return (
    <>
      <PageHeader
        title={t('places.facilitiesTitle')}
        extra={
          can(me, 'facility.manage') && (
            <Button type="primary" data-testid="facility-new" onClick={() => setCreating(true)}>
              {t('places.newFacility')}
            </Button>
          )
        }
      />
      <FilterBar testId="facility-filters">
        <Select
          allowClear
          placeholder={t('places.kind')}
          aria-label={t('places.kind')}
          value={kind}
          onChange={setKind}
          style={{ minWidth: 200 }}
          options={FACILITY_KINDS.map((k) => ({ value: k, label: FACILITY_KIND_LABELS[k] }))}
        />
        <Select
          allowClear
          placeholder={t('places.state')}
          aria-label={t('places.state')}
          value={state}
          onChange={setState}
          style={{ minWidth: 160 }}
          options={FACILITY_STATES.map((s) => ({ value: s, label: FACILITY_STATE_LABELS[s] }))}
        />
      </FilterBar>
      <CursorList<Facility>
        testId="facility-list"
        list={list}
        columns={columns}
        rowKey={(f) => f.id}
        href={(f) => `/care/facilities/${f.id}`}
        empty={t('places.noFacility')}
      />
      {creating && <FacilityFormModal onClose={() => setCreating(false)} />}
    </>
  );
}

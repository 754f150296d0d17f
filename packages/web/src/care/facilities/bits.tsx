import {
  EPISODE_PLACE_LABELS,
  FACILITY_STATE_LABELS,
  type FacilityState,
  OCCUPANCY_LEVEL_LABELS,
  occupancyLevel,
} from '@tuyendau/domain';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';

const LEVEL_COLOR = { ok: 'green', tight: 'orange', full: 'red' } as const;
const STATE_COLOR: Record<FacilityState, string> = {
  planned: 'default',
  ready: 'blue',
  active: 'green',
  closed: 'default',
};

/** Free beds, coloured by how full the facility is (green, orange from 80 %, red when full). */
export function FreeBeds({ beds, occupied, testId }: { beds: number; occupied: number; testId?: string }) {
  const { t } = useTranslation();
  const level = occupancyLevel(beds, occupied);
  return (
    <Tooltip title={OCCUPANCY_LEVEL_LABELS[level]}>
      <Tag color={LEVEL_COLOR[level]} data-testid={testId} data-level={level}>
        {t('places.freeOf', { free: formatNumber(Math.max(0, beds - occupied)), beds: formatNumber(beds) })}
      </Tag>
    </Tooltip>
  );
}

export function StateTag({ state }: { state: FacilityState }) {
  return <Tag color={STATE_COLOR[state]}>{FACILITY_STATE_LABELS[state]}</Tag>;
}

/** Where an episode is: home, a facility by name, or awaiting a bed. */
export function placeText(e: { place: 'home' | 'facility'; facilityName: string | null }): string {
  if (e.place === 'home') return EPISODE_PLACE_LABELS.home;
  return e.facilityName ?? 'Chờ xếp giường';
}

import {
  EPISODE_PLACE_LABELS,
  EPISODE_PLACES,
  EPISODE_REASON_LABELS,
  EPISODE_REASONS,
  EPISODE_STATUS_LABELS,
  EPISODE_STATUSES,
  type EpisodePlace,
  type EpisodeReason,
  type EpisodeStatus,
} from '@tuyendau/domain';
import { Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CursorList, FilterBar, type ListColumn } from '../../app/cursor-list.tsx';
import { formatDate } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import { placeText } from '../facilities/bits.tsx';
import type { Episode } from './types.ts';

/** People in isolation or quarantine in the jurisdiction, newest first. */
export function EpisodeListPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<EpisodeStatus>('active');
  const [place, setPlace] = useState<EpisodePlace>();
  const [reason, setReason] = useState<EpisodeReason>();
  const list = useCursorList<Episode>('/care/episodes', { status, place, reason, limit: 50 });
  const columns: ListColumn<Episode>[] = [
    {
      key: 'name',
      title: t('places.person'),
      card: 'title',
      render: (e) => <Link to={`/care/episodes/${e.id}`}>{e.personName}</Link>,
    },
    {
      key: 'reason',
      title: t('places.reason'),
      card: 'extra',
      bare: true,
      render: (e) => <Tag>{EPISODE_REASON_LABELS[e.reason]}</Tag>,
    },
    { key: 'place', title: t('places.place'), card: 'primary', render: (e) => placeText(e) },
    {
      key: 'start',
      title: t('places.startOn'),
      render: (e) =>
        e.day ? `${formatDate(e.startOn)} · ${t('places.dayN', { n: e.day })}` : formatDate(e.startOn),
    },
    {
      key: 'end',
      title: t('places.plannedEnd'),
      render: (e) => formatDate(e.endedOn ?? e.plannedEndOn) || '—',
    },
    { key: 'unit', title: t('places.residence'), render: (e) => e.unitName ?? e.unitCode },
  ];
  return (
    <>
      <PageHeader title={t('places.episodesTitle')} />
      <FilterBar testId="episode-filters">
        <Select
          value={status}
          onChange={setStatus}
          aria-label={t('places.status')}
          style={{ minWidth: 160 }}
          options={EPISODE_STATUSES.map((s) => ({ value: s, label: EPISODE_STATUS_LABELS[s] }))}
        />
        <Select
          allowClear
          value={place}
          onChange={setPlace}
          placeholder={t('places.place')}
          aria-label={t('places.place')}
          style={{ minWidth: 140 }}
          options={EPISODE_PLACES.map((p) => ({ value: p, label: EPISODE_PLACE_LABELS[p] }))}
        />
        <Select
          allowClear
          value={reason}
          onChange={setReason}
          placeholder={t('places.reason')}
          aria-label={t('places.reason')}
          style={{ minWidth: 220 }}
          options={EPISODE_REASONS.map((r) => ({ value: r, label: EPISODE_REASON_LABELS[r] }))}
        />
      </FilterBar>
      <CursorList<Episode>
        testId="episode-list"
        list={list}
        columns={columns}
        rowKey={(e) => e.id}
        href={(e) => `/care/episodes/${e.id}`}
        empty={t('places.noEpisode')}
      />
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import {
  END_REASON_LABELS,
  EPISODE_REASON_LABELS,
  EPISODE_STATUS_LABELS,
  STAY_REASON_LABELS,
} from '@tuyendau/domain';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EpisodeCertificate } from '../certificates/episode-certificate.tsx';
import { placeText } from '../facilities/bits.tsx';
import { EpisodeMonitoring } from '../monitoring/episode-monitoring.tsx';
import { CommitmentDialog, DischargeDialog, MoveDialog } from './episode-dialogs.tsx';
import type { EpisodeDetail } from './types.ts';

const EMPTY = '—';

/** An episode: who, why, where now, start (day 1) and planned end, and each place it went through. */
export function EpisodePage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { id = '' } = useParams();
  const [dialog, setDialog] = useState<'discharge' | 'move' | 'commitment'>();
  const episode = useQuery({
    queryKey: [`/care/episodes/${id}`],
    queryFn: () => api.get<EpisodeDetail>(`/care/episodes/${id}`),
  });
  if (episode.isPending) return <Skeleton active />;
  if (episode.isError) return <Alert type="error" showIcon title={messageOf(episode.error)} />;
  const e = episode.data;
  const active = e.status === 'active';
  return (
    <>
      <PageHeader
        title={e.personName}
        extra={
          active &&
          can(me, 'care.write') && (
            <Flex gap={8} wrap>
              {e.place === 'home' && !e.commitmentSigner && (
                <Button data-testid="episode-commitment" onClick={() => setDialog('commitment')}>
                  {t('places.commitment')}
                </Button>
              )}
              <Button data-testid="episode-move" onClick={() => setDialog('move')}>
                {t('places.move')}
              </Button>
              <Button danger data-testid="episode-discharge" onClick={() => setDialog('discharge')}>
                {t('places.discharge')}
              </Button>
            </Flex>
          )
        }
      />
      <Card data-testid="episode-detail">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Tag color={active ? 'blue' : 'default'}>{EPISODE_STATUS_LABELS[e.status]}</Tag>
          <Tag>{EPISODE_REASON_LABELS[e.reason]}</Tag>
          {active && e.day !== null && <Tag color="purple">{t('places.dayN', { n: e.day })}</Tag>}
        </Flex>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'person',
              label: t('places.person'),
              children: (
                <Link to={`/persons/${e.personId}`}>{`${e.personName} · ${formatDate(e.birthDate)}`}</Link>
              ),
            },
            { key: 'phone', label: t('places.phone'), children: e.phone ?? EMPTY },
            { key: 'unit', label: t('places.residence'), children: e.unitName ?? e.unitCode },
            {
              key: 'place',
              label: t('places.place'),
              children: e.facilityId ? (
                <Link to={`/care/facilities/${e.facilityId}`}>{placeText(e)}</Link>
              ) : (
                placeText(e)
              ),
            },
            { key: 'start', label: t('places.startOn'), children: formatDate(e.startOn) },
            { key: 'planned', label: t('places.plannedEnd'), children: formatDate(e.plannedEndOn) || EMPTY },
            ...(e.commitmentSigner
              ? [
                  {
                    key: 'commitment',
                    label: t('places.commitment'),
                    children: t('places.commitmentLine', {
                      signer: e.commitmentSigner,
                      on: formatDate(e.commitmentOn),
                    }),
                  },
                  { key: 'team', label: t('places.supervisingTeam'), children: e.supervisingTeam ?? EMPTY },
                ]
              : []),
            ...(e.caseId
              ? [
                  {
                    key: 'case',
                    label: t('places.case'),
                    children: <Link to={`/cases/${e.caseId}`}>{t('places.openCase')}</Link>,
                  },
                ]
              : []),
            ...(!active
              ? [
                  { key: 'ended', label: t('places.endOn'), children: formatDate(e.endedOn) },
                  {
                    key: 'endReason',
                    label: t('places.endReason'),
                    children: e.endReason ? END_REASON_LABELS[e.endReason] : EMPTY,
                  },
                  {
                    key: 'criterion',
                    label: t('places.criterion'),
                    span: 'filled' as const,
                    children: e.releaseCriterion ?? EMPTY,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('places.stays')} style={{ marginTop: 16 }}>
        <Timeline
          data-testid="episode-stays"
          items={e.stays.map((s) => ({
            key: s.id,
            color: s.toAt ? 'gray' : 'blue',
            children: (
              <>
                <Typography.Text strong>
                  {s.place === 'home'
                    ? t('places.atHome')
                    : `${s.facilityName ?? ''}${s.tierName ? ` · ${s.tierName}` : ''}`}
                </Typography.Text>
                <div>
                  {STAY_REASON_LABELS[s.reason]} · {formatDateTime(s.fromAt)} →{' '}
                  {s.toAt ? formatDateTime(s.toAt) : t('places.now')}
                </div>
                {s.decidedBy && (
                  <Typography.Text type="secondary">
                    {t('places.recordedByLine', { by: s.decidedBy })}
                  </Typography.Text>
                )}
                {s.overrideReason && (
                  <div>
                    <Tag color="red">{t('places.overCapacity')}</Tag>
                    {t('places.overrideLine', { by: s.overrideBy ?? EMPTY, reason: s.overrideReason })}
                  </div>
                )}
                {s.note && <div>{s.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {e.reason === 'case' && (
        <div style={{ marginTop: 16 }}>
          <EpisodeCertificate episodeId={e.id} />
        </div>
      )}
      <div style={{ marginTop: 16 }}>
        <EpisodeMonitoring episodeId={e.id} />
      </div>
      {dialog === 'discharge' && <DischargeDialog episode={e} onClose={() => setDialog(undefined)} />}
      {dialog === 'move' && <MoveDialog episode={e} onClose={() => setDialog(undefined)} />}
      {dialog === 'commitment' && <CommitmentDialog episode={e} onClose={() => setDialog(undefined)} />}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { END_REASON_LABELS, EPISODE_REASON_LABELS } from '@tuyendau/domain';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, type ListPage } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { placeText } from '../facilities/bits.tsx';
import { EnrolDialog } from './episode-dialogs.tsx';
import type { Episode } from './types.ts';

/** The person's isolation and quarantine episodes (for the person page), and enrolment at home. */
export function PersonEpisodes({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const me = useAccount();
  const [enrolling, setEnrolling] = useState(false);
  const episodes = useQuery({
    queryKey: ['/care/episodes', { person: personId }],
    queryFn: () => api.get<ListPage<Episode>>('/care/episodes', { person: personId, limit: 20 }),
    enabled: can(me, 'care.read'),
  });
  if (!can(me, 'care.read')) return null;
  const items = episodes.data?.items ?? [];
  const active = items.some((e) => e.status === 'active');
  return (
    <Card
      data-testid="person-episodes"
      title={t('places.personEpisodes')}
      style={{ marginTop: 16 }}
      loading={episodes.isPending}
      extra={
        !active &&
        can(me, 'care.write') && (
          <Button size="small" data-testid="person-enrol" onClick={() => setEnrolling(true)}>
            {t('places.enrol')}
          </Button>
        )
      }
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('places.noEpisode')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {items.map((e) => (
            <Flex key={e.id} gap={8} wrap align="center">
              <Link to={`/care/episodes/${e.id}`}>{EPISODE_REASON_LABELS[e.reason]}</Link>
              <Typography.Text>
                {formatDate(e.startOn)} → {formatDate(e.endedOn ?? e.plannedEndOn) || '…'}
              </Typography.Text>
              {e.status === 'active' ? (
                <Tag color="blue">{placeText(e)}</Tag>
              ) : (
                <Tag>{e.endReason ? END_REASON_LABELS[e.endReason] : ''}</Tag>
              )}
            </Flex>
          ))}
        </Flex>
      )}
      {enrolling && <EnrolDialog personId={personId} onClose={() => setEnrolling(false)} />}
    </Card>
  );
}

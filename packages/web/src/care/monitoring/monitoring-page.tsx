import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/page-header.tsx';
import { EpisodeMonitoring } from './episode-monitoring.tsx';

/** /care/episodes/:id/monitoring: the monitoring of one episode on its own (the board's alerts open it). */
export function MonitoringPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <>
      <PageHeader
        title={t('careMonitoring.title')}
        extra={
          <Link to={`/care/episodes/${id}`}>
            <Button>{t('careMonitoring.episode')}</Button>
          </Link>
        }
      />
      <EpisodeMonitoring episodeId={id} />
    </>
  );
}

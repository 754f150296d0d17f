import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Empty, Flex, Grid, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { LoadError } from '../shared/load-error.tsx';
import type { Chain } from '../shared/types.ts';
import { ChainGraph } from './chain-graph.tsx';
import { LARGE_CHAIN } from './chain-layout.ts';
import { ChainLegend } from './chain-legend.tsx';

type ChainScope = 'cases' | 'clusters';

/** /cases/:id/chain and /clusters/:id/chain: who infected whom, generation by generation. */
export function ChainPage({ scope }: { scope: ChainScope }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const chain = useQuery({
    queryKey: [`/${scope}/chain`, id],
    queryFn: () => api.get<Chain>(`/${scope}/${encodeURIComponent(id!)}/chain`),
    enabled: id !== undefined,
  });
  const back = `/${scope}/${id}`;
  const title = t(scope === 'cases' ? 'chain.caseTitle' : 'chain.clusterTitle');
  if (chain.isPending) return <Skeleton active />;
  if (chain.isError) {
    return (
      <LoadError
        error={chain.error}
        notFound={t(scope === 'cases' ? 'cases.notFound' : 'clusters.notFound')}
        testId="chain-not-found"
      />
    );
  }
  const data = chain.data;
  const cases = data.nodes.filter((node) => node.type === 'case').length;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          {
            key: 'list',
            title: <Link to={`/${scope}`}>{t(scope === 'cases' ? 'cases.title' : 'clusters.title')}</Link>,
          },
          {
            key: 'record',
            title: <Link to={back}>{t(scope === 'cases' ? 'chain.backToCase' : 'chain.backToCluster')}</Link>,
          },
        ]}
      />
      <PageHeader title={title} />
      <Card data-testid="chain-graph" size="small">
        <Flex wrap gap={24} style={{ marginBottom: 12 }}>
          <Typography.Text data-testid="chain-generations" strong style={{ fontSize: 16 }}>
            {t('chain.generations', { count: data.generations })}
          </Typography.Text>
          <Typography.Text data-testid="chain-case-count">
            {t('chain.cases', { count: cases, n: formatNumber(cases) })}
          </Typography.Text>
          <Typography.Text data-testid="chain-contact-count">
            {t('chain.contacts', {
              count: data.nodes.length - cases,
              n: formatNumber(data.nodes.length - cases),
            })}
          </Typography.Text>
        </Flex>
        <ChainLegend focus={scope === 'cases'} />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('chain.hint')}
        </Typography.Paragraph>
        {data.nodes.length > LARGE_CHAIN && (
          <Alert
            type="info"
            showIcon
            title={t('chain.large', { n: formatNumber(data.nodes.length) })}
            style={{ marginBottom: 12 }}
          />
        )}
        {data.nodes.length === 0 ? (
          <Empty description={t('chain.empty')} />
        ) : (
          <ChainGraph
            chain={data}
            height={screens.md === false ? 480 : 640}
            focus={scope === 'cases' ? id : undefined}
            onOpenCase={(caseId) => navigate(`/cases/${caseId}`)}
          />
        )}
      </Card>
    </>
  );
}

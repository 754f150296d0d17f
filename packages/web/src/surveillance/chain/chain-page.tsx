import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { LoadError } from '../shared/load-error.tsx';
import type { Chain } from '../shared/types.ts';
import { ChainGraph } from './chain-graph.tsx';
import { ChainLegend } from './chain-legend.tsx';

type ChainScope = 'cases' | 'clusters';

/** /cases/:id/chain and /clusters/:id/chain: who infected whom, generation by generation. */
export function ChainPage({ scope }: { scope: ChainScope }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
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
  // An anonymous group of another jurisdiction counts its members.
  const people = (type: string) =>
    data.nodes.reduce((sum, node) => sum + (node.type === type ? (node.hidden?.count ?? 1) : 0), 0);
  const cases = people('case');
  const contacts = people('contact');
  const summary = (
    <Flex wrap gap="4px 20px">
      <Typography.Text data-testid="chain-generations" strong style={{ fontSize: 16 }}>
        {t('chain.generations', { count: data.generations })}
      </Typography.Text>
      <Typography.Text data-testid="chain-case-count">
        {t('chain.cases', { count: cases, n: formatNumber(cases) })}
      </Typography.Text>
      <Typography.Text data-testid="chain-contact-count">
        {t('chain.contacts', { count: contacts, n: formatNumber(contacts) })}
      </Typography.Text>
    </Flex>
  );
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
        {data.nodes.length === 0 ? (
          <>
            {summary}
            <Empty description={t('chain.empty')} />
          </>
        ) : (
          <ChainGraph
            chain={data}
            focus={scope === 'cases' ? id : undefined}
            onOpenCase={(caseId) => navigate(`/cases/${caseId}`)}
            summary={summary}
          />
        )}
        {/* Below the drawing: on a phone the chain comes first. */}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {t('chain.hint')}
        </Typography.Paragraph>
        <ChainLegend focus={scope === 'cases'} />
      </Card>
    </>
  );
}

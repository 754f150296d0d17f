import { formatRate } from '@tuyendau/domain';
import { Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import { StandingLegend, StandingTag } from './standing.tsx';
import { type CoverageRow, standingOf } from './types.ts';

interface ChildRankingProps {
  /** The child units' rows of the chosen group and dose, highest rate first. */
  rows: CoverageRow[];
  /** The address that opens a child unit's own coverage. */
  drill: (unitCode: string) => string;
}

/**
 * The child units ranked by rate, highest first (as the officials' sentence lists them), each
 * rate coloured and worded by its standing against the target that applies to that unit, with
 * the people still missing; a unit's name opens its own coverage.
 */
export function ChildRanking({ rows, drill }: ChildRankingProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <StandingLegend />
      <Table<CoverageRow>
        data-testid="coverage-children"
        rowKey="unitCode"
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(row) => ({ 'data-unit': row.unitCode }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '#',
            key: 'rank',
            width: 36,
            render: (_: unknown, row, index) => (row.rate === null ? '' : index + 1),
          },
          {
            title: t('vaccinationCoverage.unit'),
            dataIndex: 'unitName',
            render: (name: string, row) => (
              <Link to={drill(row.unitCode)} data-testid={`coverage-drill-${row.unitCode}`}>
                {name}
              </Link>
            ),
          },
          {
            title: t('vaccinationCoverage.rate'),
            dataIndex: 'rate',
            align: 'right',
            render: (rate: number | null, row) => (
              <Flex vertical align="flex-end" gap={2}>
                <StandingTag standing={standingOf(row)}>{rate === null ? '—' : formatRate(rate)}</StandingTag>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {formatNumber(row.vaccinated)}/{formatNumber(row.population)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('vaccinationCoverage.target'),
            key: 'target',
            align: 'right',
            responsive: ['md'],
            render: (_: unknown, row) =>
              row.target ? (
                <Typography.Text
                  style={{ whiteSpace: 'nowrap' }}
                  title={t('vaccinationCoverage.by', { date: formatDate(row.target.deadline) })}
                >
                  {formatRate(row.target.rate)}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('vaccinationCoverage.missingPeople'),
            key: 'shortfall',
            align: 'right',
            render: (_: unknown, row) =>
              !row.target || row.shortfall === null ? (
                '—'
              ) : row.shortfall > 0 ? (
                <Typography.Text type="danger" data-testid="coverage-child-shortfall">
                  {formatNumber(row.shortfall)}
                </Typography.Text>
              ) : (
                <Typography.Text type="success">{t('vaccinationCoverage.metShort')}</Typography.Text>
              ),
          },
          {
            title: t('vaccinationCoverage.dropOut'),
            dataIndex: 'dropOut',
            align: 'right',
            responsive: ['lg'],
            render: (n: number | null) => (n === null ? '—' : formatNumber(n)),
          },
          {
            title: t('vaccinationCoverage.populationShort'),
            dataIndex: 'populationSource',
            responsive: ['xl'],
            render: (source: CoverageRow['populationSource']) =>
              source === 'official'
                ? t('vaccinationCoverage.sourceOfficial')
                : t('vaccinationCoverage.sourceRegistry'),
          },
        ]}
      />
    </Flex>
  );
}

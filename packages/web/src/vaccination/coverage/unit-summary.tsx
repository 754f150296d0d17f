import { formatRate } from '@tuyendau/domain';
import { Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format.ts';
import { StandingTag } from './standing.tsx';
import { type CoverageRow, GROUP_KEYS, standingOf } from './types.ts';

interface UnitSummaryProps {
  /** The unit's own rows of the chosen group, dose 1 to 4. */
  rows: CoverageRow[];
  dose: number;
}

/** "còn thiếu 1.234 người" under a rate below its target; nothing when it is met or has none. */
export function Shortfall({ row }: { row: CoverageRow }) {
  const { t } = useTranslation();
  if (!row.target || row.shortfall === null) return null;
  return row.shortfall > 0 ? (
    <Typography.Text type="danger" data-testid="coverage-shortfall">
      {t('vaccinationCoverage.shortfall', { count: row.shortfall, n: formatNumber(row.shortfall) })}
    </Typography.Text>
  ) : (
    <Typography.Text type="success">{t('vaccinationCoverage.targetMet')}</Typography.Text>
  );
}

/**
 * The unit itself for the chosen group and dose: its rate against the target that applies (and
 * the people still missing), who counts as its population; then the group's doses one under the
 * other with the drop-out between them.
 */
export function UnitSummary({ rows, dose }: UnitSummaryProps) {
  const { t } = useTranslation();
  const row = rows.find((r) => r.dose === dose);
  if (!row) return null;
  const standing = standingOf(row);
  return (
    <Card size="small" data-testid="coverage-own" title={row.unitName} style={{ height: '100%' }}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {t('vaccinationCoverage.ownTitle', {
            group: t(`vaccinationCoverage.groups.${GROUP_KEYS[row.ageGroup]}`),
            dose: row.dose,
          })}
        </Typography.Text>
        <Flex wrap gap={16} align="center">
          <Typography.Text
            data-testid="coverage-own-rate"
            style={{ fontSize: 32, fontWeight: 600, lineHeight: 1.1 }}
          >
            {row.rate === null ? '—' : formatRate(row.rate)}
          </Typography.Text>
          <StandingTag standing={standing} />
        </Flex>
        <Typography.Text data-testid="coverage-own-count">
          {t('vaccinationCoverage.ofPopulation', {
            vaccinated: formatNumber(row.vaccinated),
            population: formatNumber(row.population),
          })}{' '}
          <Typography.Text type="secondary">
            (
            {row.populationSource === 'official'
              ? t('vaccinationCoverage.populationOfficial', {
                  registry: formatNumber(row.registryPopulation),
                })
              : t('vaccinationCoverage.populationRegistry')}
            )
          </Typography.Text>
        </Typography.Text>
        {row.target ? (
          <Flex vertical>
            <Typography.Text>
              {t('vaccinationCoverage.targetOf', {
                rate: formatRate(row.target.rate),
                deadline: formatDate(row.target.deadline),
              })}
            </Typography.Text>
            <Shortfall row={row} />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('vaccinationCoverage.noTarget')}</Typography.Text>
        )}
        <Table<CoverageRow>
          data-testid="coverage-doses"
          rowKey="dose"
          size="small"
          pagination={false}
          dataSource={rows}
          rowClassName={(r) => (r.dose === dose ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('vaccinationCoverage.dose'),
              dataIndex: 'dose',
              render: (n: number) => t('vaccinationCoverage.doseN', { n }),
            },
            {
              title: t('vaccinationCoverage.vaccinated'),
              dataIndex: 'vaccinated',
              align: 'right',
              render: (n: number) => formatNumber(n),
            },
            {
              title: t('vaccinationCoverage.rate'),
              dataIndex: 'rate',
              align: 'right',
              render: (rate: number | null) => (rate === null ? '—' : formatRate(rate)),
            },
            {
              title: t('vaccinationCoverage.dropOut'),
              dataIndex: 'dropOut',
              align: 'right',
              render: (n: number | null) => (n === null ? '—' : formatNumber(n)),
            },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('vaccinationCoverage.dropOutHint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

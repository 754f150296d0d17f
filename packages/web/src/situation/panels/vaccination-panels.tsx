import { formatRate } from '@tuyendau/domain';
import { Alert, Flex, List, Table, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import { STANDING_COLORS, STANDING_ICONS, StandingLegend } from '../../vaccination/coverage/standing.tsx';
import { DOSES, GROUP_KEYS, type Standing, standingOf } from '../../vaccination/coverage/types.ts';
import { coverageUrl } from '../../vaccination/coverage/use-coverage-params.ts';
import { listUrl, type PanelParams } from '../use-start-params.ts';
import { Figure } from './figure.tsx';
import { Panel } from './panel.tsx';
import { usePanel } from './use-panel.ts';
import type {
  VaccinationBacklogPanelData,
  VaccinationCoveragePanelData,
  VaccinationLaggingPanelData,
} from './vaccination-types.ts';

/** A rate that opens the coverage page behind it, its standing as a colour and an icon (never the colour alone). */
function RateLink({
  rate,
  standing,
  to,
  testId,
  style,
}: {
  rate: number | null;
  standing: Standing;
  to: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <Link
      to={to}
      data-testid={testId}
      data-standing={standing}
      title={t(`vaccinationCoverage.standing.${standing}`)}
      style={{ color: STANDING_COLORS[standing], whiteSpace: 'nowrap', fontWeight: 500, ...style }}
    >
      {standing !== 'noTarget' && standing !== 'noData' && STANDING_ICONS[standing]}{' '}
      {rate === null ? '—' : formatRate(rate)}
    </Link>
  );
}

/** A whole-country account has no area until it picks a unit: coverage is per unit. */
function NoArea() {
  const { t } = useTranslation();
  return <Alert type="info" showIcon title={t('vaccinationCoverage.panels.pickUnit')} />;
}

/**
 * Coverage of the area on the day: a line per age group, a column per dose, each rate coloured
 * against the target that applies and opening the coverage page of that group and dose.
 */
export function VaccinationCoveragePanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<VaccinationCoveragePanelData>('/situation/vaccination-coverage', params);
  return (
    <Panel
      testId="panel-vaccination-coverage"
      title={t('vaccinationCoverage.panels.coverageTitle')}
      query={query}
    >
      {(data) => {
        if (!data.unit) return <NoArea />;
        const unit = data.unit.code;
        const groups = [...new Set(data.items.map((r) => r.ageGroup))];
        const cell = { padding: '6px 4px', borderBottom: '1px solid rgba(5,5,5,0.06)' } as const;
        return (
          <Flex vertical gap={8}>
            <table
              data-testid="vaccination-coverage-grid"
              style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: 14 }}
            >
              <thead>
                <tr>
                  <th style={{ ...cell, textAlign: 'left', width: '30%' }}>
                    <Typography.Text type="secondary">{t('vaccinationCoverage.ageGroup')}</Typography.Text>
                  </th>
                  {DOSES.map((n) => (
                    <th key={n} style={{ ...cell, textAlign: 'right' }}>
                      <Typography.Text type="secondary">
                        {t('vaccinationCoverage.doseN', { n })}
                      </Typography.Text>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => (
                  <tr key={group}>
                    <td style={cell}>{t(`vaccinationCoverage.groupsTiny.${GROUP_KEYS[group]}`)}</td>
                    {DOSES.map((dose) => {
                      const row = data.items.find((r) => r.ageGroup === group && r.dose === dose);
                      return (
                        <td key={dose} style={{ ...cell, textAlign: 'right' }}>
                          {row && (
                            <RateLink
                              testId={`vaccination-rate-${group}-${dose}`}
                              rate={row.rate}
                              standing={standingOf(row)}
                              to={coverageUrl({ unit, asOf: data.date, ageGroup: group, dose })}
                            />
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <StandingLegend />
          </Flex>
        );
      }}
    </Panel>
  );
}

/**
 * The child units below their target for the groups and doses a conclusion names, lowest first,
 * with the people still missing; each opens its coverage. Without a target, the lowest three.
 */
export function VaccinationLaggingPanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<VaccinationLaggingPanelData>('/situation/vaccination-lagging', params);
  return (
    <Panel
      testId="panel-vaccination-lagging"
      title={t('vaccinationCoverage.panels.laggingTitle')}
      query={query}
    >
      {(data) => {
        if (!data.unit) return <NoArea />;
        const unit = data.unit.code;
        return (
          <List
            size="small"
            dataSource={data.items}
            rowKey={(item) => `${item.ageGroup}/${item.dose}`}
            renderItem={(item) => {
              const words = t(`vaccinationCoverage.groupsShort.${GROUP_KEYS[item.ageGroup]}`);
              const pair = { asOf: data.date, ageGroup: item.ageGroup, dose: item.dose };
              return (
                <List.Item
                  data-testid={`vaccination-lagging-${item.ageGroup}-${item.dose}`}
                  style={{ display: 'block', paddingInline: 0 }}
                >
                  <Flex wrap gap={6} align="baseline">
                    <Typography.Text strong>
                      {t('vaccinationCoverage.panels.pair', { group: words, dose: item.dose })}
                    </Typography.Text>
                    <RateLink
                      rate={item.rate}
                      standing={standingOf({
                        rate: item.rate,
                        target: item.target,
                        lagging: item.target && item.rate !== null ? item.rate < item.target.rate : null,
                      })}
                      to={coverageUrl({ unit, ...pair })}
                    />
                    {item.target && (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {t('vaccinationCoverage.panels.targetShort', { rate: formatRate(item.target.rate) })}
                      </Typography.Text>
                    )}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
                    {item.children === 0
                      ? t('vaccinationCoverage.panels.noChildren')
                      : item.lagging === null
                        ? t('vaccinationCoverage.panels.noTargetLowest')
                        : item.lagging === 0
                          ? t('vaccinationCoverage.panels.allMet')
                          : t('vaccinationCoverage.panels.below', {
                              count: item.lagging,
                              of: item.children,
                            })}
                  </Typography.Text>
                  {item.units.length > 0 && (
                    <Flex wrap gap="2px 12px" style={{ marginTop: 2 }}>
                      {item.units.map((u) => (
                        <span key={u.code} style={{ whiteSpace: 'nowrap' }}>
                          <Link to={coverageUrl({ unit: u.code, ...pair })}>{u.name}</Link>{' '}
                          <Typography.Text>{formatRate(u.rate)}</Typography.Text>
                          {u.shortfall !== null && u.shortfall > 0 && (
                            <Typography.Text type="danger" style={{ fontSize: 13 }}>
                              {' '}
                              (
                              {t('vaccinationCoverage.shortfall', {
                                count: u.shortfall,
                                n: formatNumber(u.shortfall),
                              })}
                              )
                            </Typography.Text>
                          )}
                        </span>
                      ))}
                    </Flex>
                  )}
                </List.Item>
              );
            }}
          />
        );
      }}
    </Panel>
  );
}

type BacklogChild = VaccinationBacklogPanelData['children'][number];

/**
 * The backlog as it stands: doses not yet on the national platform (with the oldest one's day)
 * and people whose information is to verify, in all and per unit one level down, each figure
 * opening the list behind it.
 */
export function VaccinationBacklogPanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<VaccinationBacklogPanelData>('/situation/vaccination-backlog', params);
  return (
    <Panel
      testId="panel-vaccination-backlog"
      title={t('vaccinationCoverage.panels.backlogTitle')}
      query={query}
    >
      {(data) => {
        const own = data.unit?.code;
        const backlog = (unit: string | undefined) => listUrl('/vaccination/backlog', { unit });
        const cleaning = (unit: string | undefined) => listUrl('/vaccination/cleaning', { unit });
        return (
          <Flex vertical gap={16}>
            <Flex wrap gap={24}>
              <Figure
                testId="vaccination-unsynced"
                label={t('vaccinationCoverage.panels.unsynced')}
                value={data.total.unsyncedDoses}
                to={backlog(own)}
                note={
                  data.total.oldestOn && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('vaccinationCoverage.panels.oldest', { date: formatDate(data.total.oldestOn) })}
                    </Typography.Text>
                  )
                }
              />
              <Figure
                testId="vaccination-to-verify"
                label={t('vaccinationCoverage.panels.toVerify')}
                value={data.total.personsToVerify}
                to={cleaning(own)}
              />
            </Flex>
            {data.children.length > 1 && (
              <Table<BacklogChild>
                data-testid="vaccination-backlog-units"
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={data.children}
                columns={[
                  {
                    title: t('vaccinationCoverage.unit'),
                    dataIndex: 'name',
                    render: (name: string | null, child) => (
                      <Link to={listUrl('/situation', { unit: child.code, date: params.date })}>
                        {name ?? child.code}
                      </Link>
                    ),
                  },
                  {
                    title: t('vaccinationCoverage.panels.unsyncedShort'),
                    dataIndex: 'unsyncedDoses',
                    align: 'right',
                    render: (n: number, child) => <Link to={backlog(child.code)}>{formatNumber(n)}</Link>,
                  },
                  {
                    title: t('vaccinationCoverage.panels.oldestShort'),
                    dataIndex: 'oldestOn',
                    align: 'right',
                    responsive: ['sm'],
                    render: (d: string | null) => formatDate(d),
                  },
                  {
                    title: t('vaccinationCoverage.panels.toVerifyShort'),
                    dataIndex: 'personsToVerify',
                    align: 'right',
                    render: (n: number, child) => <Link to={cleaning(child.code)}>{formatNumber(n)}</Link>,
                  },
                ]}
              />
            )}
          </Flex>
        );
      }}
    </Panel>
  );
}

import { AimOutlined, DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AGE_GROUPS, type AgeGroup } from '@tuyendau/domain';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { afterToday, DATE_FORMAT, isoDate } from '../../surveillance/shared/dates.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import { ChildRanking } from './child-ranking.tsx';
import { SentenceCard } from './sentence-card.tsx';
import { type CoverageReport, type CoverageRow, DOSES, GROUP_KEYS } from './types.ts';
import { UnitSummary } from './unit-summary.tsx';
import { coverageUrl, useCoverageParams } from './use-coverage-params.ts';

// echarts is large: the table and the sentence show first, the chart follows in its own file.
const CoverageChart = lazy(() => import('./coverage-chart.tsx'));

/** Highest rate first, units without people last, then by name. */
function byRateDesc(a: CoverageRow, b: CoverageRow): number {
  return (b.rate ?? -1) - (a.rate ?? -1) || a.unitName.localeCompare(b.unitName, 'vi');
}

/**
 * /vaccination/coverage?unit=&asOf=&ageGroup=&dose=: coverage of a unit inside the jurisdiction
 * (default the account's) on a day (default today) for an age group and dose; the unit itself,
 * then its child units ranked and coloured against their targets with the people still missing,
 * a chart, the officials' sentence ready to copy, the XLSX; a child unit opens its own coverage.
 */
export function CoveragePage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { params, set } = useCoverageParams();
  const needsUnit = !params.unit && !me.unit;
  const report = useQuery({
    queryKey: ['/vaccination/coverage', params.unit ?? null, params.asOf ?? null],
    queryFn: () => api.get<CoverageReport>('/vaccination/coverage', { unit: params.unit, asOf: params.asOf }),
    enabled: !needsUnit,
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const unitCode = data?.unit.code;
  const own = useMemo(
    () => (data?.items ?? []).filter((r) => r.unitCode === unitCode && r.ageGroup === params.ageGroup),
    [data, unitCode, params.ageGroup],
  );
  const children = useMemo(
    () =>
      (data?.items ?? [])
        .filter((r) => r.unitCode !== unitCode && r.ageGroup === params.ageGroup && r.dose === params.dose)
        .sort(byRateDesc),
    [data, unitCode, params.ageGroup, params.dose],
  );
  const ownRow = own.find((r) => r.dose === params.dose);
  const groupWords = t(`vaccinationCoverage.groups.${GROUP_KEYS[params.ageGroup]}`);
  const drill = (code: string) => coverageUrl({ ...params, unit: code });
  const xlsx = `/api/v1/vaccination/coverage.xlsx?${new URLSearchParams({
    ...(params.unit ? { unit: params.unit } : {}),
    ...(params.asOf ? { asOf: params.asOf } : {}),
  })}`;
  const day = params.asOf ?? data?.asOf;
  return (
    <>
      <PageHeader
        title={
          data ? t('vaccinationCoverage.titleOf', { unit: data.unit.name }) : t('vaccinationCoverage.title')
        }
        extra={
          <Flex gap={8} wrap>
            {can(me, 'vaccination.manage') && (
              <Link to={`/vaccination/targets${unitCode ? `?unit=${unitCode}` : ''}`}>
                <Button icon={<AimOutlined />} data-testid="coverage-targets">
                  {t('vaccinationCoverage.targets')}
                </Button>
              </Link>
            )}
            {data && (
              <a href={xlsx} download data-testid="coverage-xlsx">
                <Button icon={<DownloadOutlined />}>{t('vaccinationCoverage.xlsx')}</Button>
              </a>
            )}
          </Flex>
        }
      />
      {data && data.parents.length > 0 && (
        <Breadcrumb
          data-testid="coverage-parents"
          style={{ marginBottom: 12 }}
          items={[
            ...data.parents.map((p) => ({
              key: p.code,
              title: <Link to={coverageUrl({ ...params, unit: p.code })}>{p.name}</Link>,
            })),
            { key: data.unit.code, title: data.unit.name },
          ]}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 8]} align="bottom">
          <Col xs={24} sm={12} lg={7}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('vaccinationCoverage.unit')}</Typography.Text>
              <UnitSelect
                id="coverage-unit"
                data-testid="coverage-unit"
                aria-label={t('vaccinationCoverage.unit')}
                value={unitCode ?? params.unit}
                known={data ? { code: data.unit.code, name: data.unit.name } : undefined}
                placeholder={t('vaccinationCoverage.pickUnit')}
                onChange={(code) => set({ unit: code })}
                style={{ width: '100%' }}
              />
            </Flex>
          </Col>
          <Col xs={12} sm={12} lg={4}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('vaccinationCoverage.asOf')}</Typography.Text>
              <DatePicker
                id="coverage-as-of"
                data-testid="coverage-as-of"
                aria-label={t('vaccinationCoverage.asOf')}
                format={DATE_FORMAT}
                allowClear={false}
                value={day ? dayjs(day) : dayjs()}
                disabledDate={afterToday}
                onChange={(value) => set({ asOf: value ? isoDate(value) : undefined })}
                style={{ width: '100%' }}
              />
            </Flex>
          </Col>
          <Col xs={12} sm={12} lg={6}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('vaccinationCoverage.ageGroup')}</Typography.Text>
              <Select
                data-testid="coverage-group"
                aria-label={t('vaccinationCoverage.ageGroup')}
                value={params.ageGroup}
                onChange={(ageGroup) => set({ ageGroup })}
                labelRender={({ value }) =>
                  t(`vaccinationCoverage.groupsTiny.${GROUP_KEYS[value as AgeGroup] ?? 'adults'}`)
                }
                options={AGE_GROUPS.map((g) => ({
                  value: g,
                  label: t(`vaccinationCoverage.groupsShort.${GROUP_KEYS[g]}`),
                }))}
                style={{ width: '100%' }}
              />
            </Flex>
          </Col>
          <Col xs={24} sm={12} lg={7}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('vaccinationCoverage.dose')}</Typography.Text>
              <Segmented<number>
                data-testid="coverage-dose"
                value={params.dose}
                onChange={(dose) => set({ dose })}
                options={DOSES.map((n) => ({ value: n, label: t('vaccinationCoverage.doseN', { n }) }))}
              />
            </Flex>
          </Col>
        </Row>
      </Card>
      {needsUnit ? (
        <Alert type="info" showIcon title={t('vaccinationCoverage.pickUnitFirst')} />
      ) : report.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : report.isError ? (
        <Alert data-testid="coverage-error" type="error" showIcon title={messageOf(report.error)} />
      ) : (
        <Flex
          vertical
          gap={16}
          data-testid="coverage-page"
          style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}
        >
          <Typography.Text type="secondary">
            {t('vaccinationCoverage.asOfLine', { date: formatDate(data?.asOf), group: groupWords })}
          </Typography.Text>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <UnitSummary rows={own} dose={params.dose} />
            </Col>
            <Col xs={24} xl={14}>
              <SentenceCard params={params} />
            </Col>
          </Row>
          {children.length > 0 && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card
                  size="small"
                  title={t('vaccinationCoverage.childrenTitle', { group: groupWords, dose: params.dose })}
                >
                  <ChildRanking rows={children} drill={drill} />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('vaccinationCoverage.chartTitle')}>
                  {children.some((r) => r.rate !== null) ? (
                    <Suspense fallback={<Skeleton active />}>
                      <CoverageChart
                        rows={[...children].reverse()}
                        target={ownRow?.target?.rate ?? null}
                        ariaLabel={t('vaccinationCoverage.chartLabel', {
                          group: groupWords,
                          dose: params.dose,
                        })}
                        targetLabel={t('vaccinationCoverage.target')}
                      />
                    </Suspense>
                  ) : (
                    <Empty description={t('vaccinationCoverage.noPeople')} />
                  )}
                </Card>
              </Col>
            </Row>
          )}
        </Flex>
      )}
    </>
  );
}

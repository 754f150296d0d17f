import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { UnitSelect } from '../../units/unit-select.tsx';
import { SiteBacklogTable, UnitBacklogTable } from './backlog-tables.tsx';
import { PlatformImport } from './platform-import.tsx';
import { type BacklogReport, backlogUrl, exportUrl } from './types.ts';

/**
 * /vaccination/backlog?unit=: the doses of a unit not yet on the national vaccination platform
 * (no dose code from it), in all, per child unit and per vaccination site, each with the age of
 * the oldest; the export of those doses in the platform's template; the upload of the platform's
 * own export, which gives the doses it knows their code and shrinks the backlog.
 */
export function BacklogPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [search, setSearch] = useSearchParams();
  const unit = search.get('unit') || undefined;
  const needsUnit = !unit && !me.unit;
  const report = useQuery({
    queryKey: ['/vaccination/backlog', unit ?? null],
    queryFn: () => api.get<BacklogReport>('/vaccination/backlog', { unit }),
    enabled: !needsUnit,
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const manage = can(me, 'vaccination.manage');
  const total = data?.total;
  return (
    <>
      <PageHeader
        title={
          data ? t('vaccinationBacklog.titleOf', { unit: data.unit.name }) : t('vaccinationBacklog.title')
        }
        extra={
          data &&
          manage &&
          (data.total.count > 0 ? (
            <a href={exportUrl(data.unit.code)} download data-testid="backlog-export">
              <Button type="primary" icon={<DownloadOutlined />}>
                {t('vaccinationBacklog.export')}
              </Button>
            </a>
          ) : (
            <Button icon={<DownloadOutlined />} disabled>
              {t('vaccinationBacklog.export')}
            </Button>
          ))
        }
      />
      {data && data.parents.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            ...data.parents.map((p) => ({
              key: p.code,
              title: <Link to={backlogUrl(p.code)}>{p.name}</Link>,
            })),
            { key: data.unit.code, title: data.unit.name },
          ]}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('vaccinationBacklog.unit')}</Typography.Text>
          <UnitSelect
            id="backlog-unit"
            data-testid="backlog-unit"
            aria-label={t('vaccinationBacklog.unit')}
            value={data?.unit.code ?? unit}
            known={data ? { code: data.unit.code, name: data.unit.name } : undefined}
            placeholder={t('vaccinationBacklog.pickUnit')}
            onChange={(code) => setSearch(code ? { unit: code } : {})}
            style={{ width: 300, maxWidth: '100%' }}
          />
        </Flex>
      </Card>
      {needsUnit ? (
        <Alert type="info" showIcon title={t('vaccinationBacklog.pickUnitFirst')} />
      ) : report.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : report.isError ? (
        <Alert data-testid="backlog-error" type="error" showIcon title={messageOf(report.error)} />
      ) : (
        data &&
        total && (
          <Flex
            vertical
            gap={16}
            data-testid="backlog-page"
            style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}
          >
            <Card size="small">
              <Row gutter={[16, 16]}>
                <Col xs={24} md={8}>
                  <Statistic
                    data-testid="backlog-total"
                    title={t('vaccinationBacklog.total')}
                    value={total.count}
                    formatter={(v) => formatNumber(Number(v))}
                  />
                </Col>
                <Col xs={12} md={8}>
                  <Statistic
                    data-testid="backlog-oldest-days"
                    title={t('vaccinationBacklog.oldestAge')}
                    value={total.oldestDays ?? '—'}
                    formatter={(v) =>
                      typeof v === 'number'
                        ? t('vaccinationBacklog.days', { count: v, n: formatNumber(v) })
                        : String(v)
                    }
                  />
                </Col>
                <Col xs={12} md={8}>
                  <Statistic
                    data-testid="backlog-oldest"
                    title={t('vaccinationBacklog.oldestDay')}
                    value={total.oldest ? formatDate(total.oldest) : '—'}
                  />
                </Col>
              </Row>
              <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
                {t('vaccinationBacklog.explain', { date: formatDate(data.today) })}
              </Typography.Paragraph>
            </Card>
            <Row gutter={[16, 16]}>
              {data.units.length > 0 && (
                <Col xs={24} xl={12}>
                  <Card size="small" title={t('vaccinationBacklog.byUnit')}>
                    <UnitBacklogTable rows={data.units} />
                  </Card>
                </Col>
              )}
              <Col xs={24} xl={data.units.length > 0 ? 12 : 24}>
                <Card size="small" title={t('vaccinationBacklog.bySite')}>
                  {data.sites.length === 0 ? (
                    <Typography.Text type="secondary">{t('vaccinationBacklog.noBacklog')}</Typography.Text>
                  ) : (
                    <Flex vertical gap={8}>
                      <SiteBacklogTable rows={data.sites} unit={data.unit.code} canExport={manage} />
                      {data.sitesTotal > data.sites.length && (
                        <Typography.Text type="secondary">
                          {t('vaccinationBacklog.moreSites', {
                            n: formatNumber(data.sitesTotal - data.sites.length),
                          })}
                        </Typography.Text>
                      )}
                    </Flex>
                  )}
                </Card>
              </Col>
            </Row>
            {manage && <PlatformImport />}
          </Flex>
        )
      )}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useAccount } from '../app/account.ts';
import { ApiError, api, messageOf } from '../app/api.ts';
import { formatNumber } from '../app/format.ts';
import { PageHeader } from '../app/page-header.tsx';
import type { UnitDetail } from './types.ts';
import { UnitSearchBox } from './unit-search-box.tsx';
import { UnitTable } from './unit-table.tsx';

export function UnitPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const code = useParams().code!;
  const unit = useQuery({
    queryKey: ['unit', code],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(code)}`),
  });
  if (unit.isPending) return <Skeleton active />;
  if (unit.isError) {
    if (unit.error instanceof ApiError && unit.error.status === 404) {
      return <Result data-testid="unit-not-found" status="404" title="404" subTitle={t('units.notFound')} />;
    }
    return <Alert type="error" showIcon title={messageOf(unit.error)} />;
  }
  const detail = unit.data;
  return (
    <>
      <UnitSearchBox />
      <Breadcrumb
        data-testid="unit-breadcrumb"
        style={{ marginBottom: 8 }}
        items={[
          ...detail.ancestors.map((ancestor) => ({
            key: ancestor.code,
            title: <Link to={`/units/${ancestor.code}`}>{ancestor.name}</Link>,
          })),
          { key: detail.code, title: detail.name },
        ]}
      />
      <PageHeader
        title={detail.name}
        extra={
          can(me, 'person.read') && (
            <Link to={`/persons?unit=${detail.code}`}>
              <Button>{t('units.persons')}</Button>
            </Link>
          )
        }
      />
      <Card data-testid="unit-detail" style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'name', label: t('units.name'), children: detail.name },
            { key: 'type', label: t('units.type'), children: detail.type },
            { key: 'code', label: t('units.code'), children: detail.code },
            {
              key: 'population',
              label: t('units.population'),
              children: <span data-testid="unit-population">{formatNumber(detail.population)}</span>,
            },
          ]}
        />
      </Card>
      {detail.children.length > 0 && (
        <>
          <Typography.Title level={4}>
            {t('units.children', { count: detail.children.length })}
          </Typography.Title>
          <UnitTable units={detail.children} testId="unit-children" />
        </>
      )}
    </>
  );
}

import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useAccount } from '../app/account.ts';
import { messageOf } from '../app/api.ts';
import { LoadMore } from '../app/load-more.tsx';
import { PageHeader } from '../app/page-header.tsx';
import { useCursorList } from '../app/use-cursor-list.ts';
import type { Unit } from './types.ts';
import { UnitSearchBox } from './unit-search-box.tsx';
import { UnitTable } from './unit-table.tsx';

/**
 * /units?q=: units found by name. /units alone opens the account's own unit, or lists the
 * provinces for a whole-country account.
 */
export function UnitSearchPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const units = useCursorList<Unit>(
    '/units',
    q ? { q } : { level: 'province', limit: 100 },
    q !== '' || !me.unit,
  );
  if (!q && me.unit) return <Navigate to={`/units/${me.unit.code}`} replace />;
  return (
    <>
      <PageHeader title={q ? t('units.searchTitle', { q }) : t('shell.wholeCountry')} />
      <UnitSearchBox initial={q} />
      {units.isError && (
        <Alert type="error" showIcon title={messageOf(units.error)} style={{ marginBottom: 16 }} />
      )}
      <UnitTable
        units={units.items}
        loading={units.isPending}
        testId={q ? 'unit-search-results' : 'unit-children'}
      />
      <LoadMore
        hasMore={units.hasNextPage}
        loading={units.isFetchingNextPage}
        onLoadMore={() => units.fetchNextPage()}
      />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useAccount } from '../app/account.ts';
import { CursorList } from '../app/cursor-list.tsx';
import { PageHeader } from '../app/page-header.tsx';
import { useCursorList } from '../app/use-cursor-list.ts';
import type { Unit } from './types.ts';
import { UnitSearchBox } from './unit-search-box.tsx';
import { unitHref, unitKey, useUnitColumns } from './unit-table.tsx';

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
  const columns = useUnitColumns();
  if (!q && me.unit) return <Navigate to={`/units/${me.unit.code}`} replace />;
  return (
    <>
      <PageHeader title={q ? t('units.searchTitle', { q }) : t('shell.wholeCountry')} />
      <UnitSearchBox initial={q} />
      <CursorList<Unit>
        testId={q ? 'unit-search-results' : 'unit-children'}
        list={units}
        columns={columns}
        rowKey={unitKey}
        href={unitHref}
      />
    </>
  );
}

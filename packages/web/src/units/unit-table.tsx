import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ListColumn, ResponsiveList } from '../app/cursor-list.tsx';
import { formatNumber } from '../app/format.ts';
import type { Unit } from './types.ts';

export const unitKey = (unit: Unit): string => unit.code;
export const unitHref = (unit: Unit): string => `/units/${unit.code}`;

/** What a row or card of units shows. */
export function useUnitColumns(): ListColumn<Unit>[] {
  const { t } = useTranslation();
  return [
    {
      key: 'name',
      title: t('units.name'),
      card: 'title',
      render: (unit) => <Link to={unitHref(unit)}>{unit.name}</Link>,
    },
    { key: 'type', title: t('units.type'), bare: true, render: (unit) => unit.type },
    { key: 'code', title: t('units.code'), render: (unit) => unit.code },
    {
      key: 'population',
      title: t('units.population'),
      card: 'primary',
      align: 'right',
      render: (unit) => formatNumber(unit.population),
    },
  ];
}

/** The children of a unit, read at once: a table (50 a page) on a wide screen, cards on a phone. */
export function UnitTable({ units, testId }: { units: Unit[]; testId: string }) {
  return (
    <ResponsiveList<Unit>
      testId={testId}
      items={units}
      columns={useUnitColumns()}
      rowKey={unitKey}
      href={unitHref}
      pageSize={50}
    />
  );
}

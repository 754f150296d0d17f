import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../app/format.ts';
import type { Unit } from './types.ts';

interface UnitTableProps {
  units: Unit[];
  loading?: boolean;
  testId: string;
}

export function UnitTable({ units, loading, testId }: UnitTableProps) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      <Table<Unit>
        rowKey="code"
        size="middle"
        loading={loading}
        dataSource={units}
        pagination={units.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('units.name'),
            dataIndex: 'name',
            render: (name: string, unit) => <Link to={`/units/${unit.code}`}>{name}</Link>,
          },
          { title: t('units.type'), dataIndex: 'type' },
          { title: t('units.code'), dataIndex: 'code' },
          {
            title: t('units.population'),
            dataIndex: 'population',
            align: 'right',
            render: (population?: number | null) => formatNumber(population),
          },
        ]}
      />
    </div>
  );
}

import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import { ImportColumnsReport } from './import-columns.tsx';
import type { ImportReport as Report } from './types.ts';

type Rejected = Report['rejected'][number];

/** What an import did: rows inserted, rows already there, and each rejected row with its reason. */
export function ImportReport({ report, partial }: { report: Report; partial: boolean }) {
  const { t } = useTranslation();
  const rejected = report.rejectedTotal ?? report.rejected.length;
  return (
    <Card data-testid="import-report" size="small" title={t('tests.importReport')} style={{ marginTop: 16 }}>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(
          [
            ['inserted', report.inserted, '#389e0d'],
            ['unchanged', report.unchanged, undefined],
            ['rejected', rejected, rejected > 0 ? '#cf1322' : undefined],
          ] as const
        ).map(([key, value, color]) => (
          <Col key={key} xs={8}>
            <Statistic
              data-testid={`import-${key}`}
              title={t(`tests.import${key[0].toUpperCase()}${key.slice(1)}`)}
              value={value}
              formatter={(n) => formatNumber(Number(n))}
              styles={{ content: { color } }}
            />
          </Col>
        ))}
      </Row>
      {report.columns && (
        <div style={{ marginBottom: 16 }}>
          <ImportColumnsReport columns={report.columns} />
        </div>
      )}
      {(report.casesCreated ?? 0) > 0 && (
        <Alert
          data-testid="import-cases-created"
          type="info"
          showIcon
          title={t('tests.importCasesCreated', {
            count: report.casesCreated,
            n: formatNumber(report.casesCreated),
          })}
          style={{ marginBottom: 16 }}
        />
      )}
      {rejected > report.rejected.length && (
        <Alert
          type="info"
          showIcon
          title={t('tests.importRejectedShown', {
            shown: formatNumber(report.rejected.length),
            total: formatNumber(rejected),
          })}
          style={{ marginBottom: 16 }}
        />
      )}
      {rejected > 0 && !partial && report.inserted === 0 && (
        <Alert type="warning" showIcon title={t('tests.importNothingWritten')} style={{ marginBottom: 16 }} />
      )}
      {report.rejected.length > 0 && (
        <Table<Rejected>
          data-testid="import-rejected"
          rowKey={(row, index) => `${row.row}-${row.field ?? ''}-${index}`}
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={report.rejected}
          columns={[
            { title: t('tests.importRow'), dataIndex: 'row', width: 72 },
            {
              title: t('tests.importField'),
              dataIndex: 'label',
              // The column as people call it; never its code.
              render: (label?: string | null) => label ?? '',
            },
            { title: t('tests.importMessage'), dataIndex: 'message' },
          ]}
        />
      )}
    </Card>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Collapse, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import type { ImportColumns } from './types.ts';

/** A column an import accepts, as GET <import>/columns lists it. */
interface AcceptedColumn {
  name: string;
  label: string;
  required: boolean;
  headers: string[];
}

const quoted = (labels: string[]) => labels.map((label) => `“${label}”`).join(', ');

/**
 * Before an upload: the columns the import at `path` accepts (label, required or not, the header
 * spellings it recognises), the rule that names a row's person, and the XLSX template.
 */
export function ImportColumnsGuide({ path }: { path: string }) {
  const { t } = useTranslation();
  const columns = useQuery({
    queryKey: [`${path}/columns`],
    queryFn: async () => (await api.get<{ items: AcceptedColumn[] }>(`${path}/columns`)).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Flex vertical gap={8} data-testid="import-guide">
      <Flex gap={8} wrap align="center">
        <a href={`/api/v1${path}/template.xlsx`} download data-testid="import-template">
          <Button icon={<DownloadOutlined />}>{t('imports.template')}</Button>
        </a>
        <Typography.Text type="secondary">{t('imports.templateHint')}</Typography.Text>
      </Flex>
      <Collapse
        size="small"
        items={[
          {
            key: 'columns',
            label: t('imports.columnsTitle'),
            children: columns.isPending ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : (
              <Flex vertical gap={8} data-testid="import-columns">
                <Typography.Text type="secondary">{t('imports.columnsHint')}</Typography.Text>
                {columns.data?.some((c) => c.name === 'idNumber') && (
                  <Typography.Text>{t('imports.personRule')}</Typography.Text>
                )}
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {(columns.data ?? []).map((column) => (
                    <li
                      key={column.name}
                      data-testid={`import-column-${column.name}`}
                      style={{ marginBottom: 4 }}
                    >
                      <Typography.Text strong>{column.label}</Typography.Text>
                      {column.required && (
                        <Tag color="gold" style={{ marginInlineStart: 8 }}>
                          {t('imports.required')}
                        </Tag>
                      )}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                        {t('imports.accepted', { headers: column.headers.join(', ') })}
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/**
 * After an upload: which headers became which column, which were not used ("Cột “Năm sinh” không
 * được dùng"), and the columns the file lacks.
 */
export function ImportColumnsReport({ columns }: { columns: ImportColumns }) {
  const { t } = useTranslation();
  const personMissing = columns.missing.some((c) => c.column === 'idNumber');
  return (
    <Flex vertical gap={8} data-testid="import-columns-report">
      {columns.missing.length > 0 && (
        <Alert
          data-testid="import-missing"
          type="warning"
          showIcon
          title={
            personMissing
              ? t('imports.missingPerson', { columns: quoted(columns.missing.map((c) => c.label)) })
              : t('imports.missingRequired', { columns: quoted(columns.missing.map((c) => c.label)) })
          }
        />
      )}
      {columns.ignored.length > 0 && (
        <Alert
          data-testid="import-ignored"
          type="info"
          showIcon
          title={t('imports.ignoredTitle', { count: columns.ignored.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {[...new Set(columns.ignored)].map((header) => (
                <li key={header}>{t('imports.ignored', { header })}</li>
              ))}
            </ul>
          }
        />
      )}
      {columns.recognised.length > 0 && (
        <Typography.Text data-testid="import-recognised">
          {t('imports.recognised', { count: columns.recognised.length })}{' '}
          {columns.recognised.map((c, i) => (
            <span key={c.column}>
              {i > 0 && ', '}
              {c.header === c.label
                ? `“${c.label}”`
                : t('imports.recognisedAs', { header: c.header, label: c.label })}
            </span>
          ))}
        </Typography.Text>
      )}
    </Flex>
  );
}

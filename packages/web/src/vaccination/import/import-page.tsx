import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Row,
  Statistic,
  Table,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { messageOf } from '../../app/api.ts';
import { formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ImportColumnsGuide, ImportColumnsReport } from '../../surveillance/shared/import-columns.tsx';
import { ImportColumnsError } from '../../surveillance/shared/upload.ts';
import { postFileWithProgress, type UploadStage } from './upload-progress.ts';

const PATH = '/vaccination/import';

/** What POST /vaccination/import answers (server: vaccination/import/service.ts). */
export interface VaccinationImportReport {
  batchId: string;
  rows: number;
  imported: number;
  unchanged: number;
  review: number;
  reviewAdded: number;
  rejected: number;
  personsCreated: number;
  flagged: number;
  rejectedRows: { row: number; field: string; label: string; value: string | null; message: string }[];
  columns: { recognised: { header: string; column: string; label: string }[]; ignored: string[] };
  ms: number;
}

type Rejection = VaccinationImportReport['rejectedRows'][number];

function percentOf(stage: UploadStage | undefined): number {
  if (!stage) return 0;
  if (stage.stage === 'processing') return 100;
  return stage.total > 0 ? Math.floor((stage.sent / stage.total) * 100) : 0;
}

/** The file's rows accounted for: read, imported, unchanged, to review, refused; the error report. */
function ImportResult({ report }: { report: VaccinationImportReport }) {
  const { t } = useTranslation();
  const figures: { key: string; value: number; tone?: 'success' | 'warning' | 'danger' }[] = [
    { key: 'rows', value: report.rows },
    { key: 'imported', value: report.imported, tone: 'success' },
    { key: 'unchanged', value: report.unchanged },
    { key: 'review', value: report.review, tone: report.review > 0 ? 'warning' : undefined },
    { key: 'rejected', value: report.rejected, tone: report.rejected > 0 ? 'danger' : undefined },
  ];
  const colour = { success: '#389e0d', warning: '#d48806', danger: '#cf1322' };
  return (
    <Card size="small" data-testid="vaccination-import-report" title={t('vaccinationImport.resultTitle')}>
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          {figures.map((f) => (
            <Col key={f.key} xs={12} sm={8} lg={4}>
              <Statistic
                data-testid={`import-${f.key}`}
                title={t(`vaccinationImport.figures.${f.key}`)}
                value={f.value}
                formatter={(v) => formatNumber(Number(v))}
                styles={{ content: f.tone ? { color: colour[f.tone] } : undefined }}
              />
            </Col>
          ))}
        </Row>
        <Typography.Text data-testid="import-more">
          {[
            report.personsCreated > 0 &&
              t('vaccinationImport.personsCreated', {
                count: report.personsCreated,
                n: formatNumber(report.personsCreated),
              }),
            report.flagged > 0 &&
              t('vaccinationImport.flagged', { count: report.flagged, n: formatNumber(report.flagged) }),
            t('vaccinationImport.took', { seconds: (report.ms / 1000).toLocaleString('vi-VN') }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        {report.review > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="import-review-note"
            title={t('vaccinationImport.reviewNote', {
              count: report.review,
              n: formatNumber(report.review),
            })}
          />
        )}
        <ImportColumnsReport columns={{ ...report.columns, missing: [] }} />
        {report.rejected > 0 && (
          <Flex vertical gap={8}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>
                {t('vaccinationImport.rejectedTitle', {
                  count: report.rejected,
                  n: formatNumber(report.rejected),
                })}
              </Typography.Text>
              <a
                href={`/api/v1/vaccination/imports/${report.batchId}/errors.csv`}
                download
                data-testid="import-error-report"
              >
                <Button icon={<DownloadOutlined />}>{t('vaccinationImport.errorReport')}</Button>
              </a>
            </Flex>
            {report.rejectedRows.length < report.rejected && (
              <Typography.Text type="secondary">
                {t('vaccinationImport.firstRejected', { n: formatNumber(report.rejectedRows.length) })}
              </Typography.Text>
            )}
            <Table<Rejection>
              data-testid="import-rejected"
              rowKey={(r) => `${r.row}/${r.field}`}
              size="small"
              dataSource={report.rejectedRows}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('vaccinationImport.row'), dataIndex: 'row', width: 70 },
                { title: t('vaccinationImport.column'), dataIndex: 'label', width: 150 },
                {
                  title: t('vaccinationImport.value'),
                  dataIndex: 'value',
                  responsive: ['md'],
                  render: (v: string | null) => v ?? '',
                },
                { title: t('vaccinationImport.reason'), dataIndex: 'message' },
              ]}
            />
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/**
 * /vaccination/import: a vaccination list (CSV or XLSX, as officials keep them) sent with its
 * upload progress, then what became of each row; before it, the accepted columns and the template.
 */
export function VaccinationImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<UploadFile>();
  const [stage, setStage] = useState<UploadStage>();
  const abort = useRef<AbortController>(null);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: () => {
      abort.current = new AbortController();
      return postFileWithProgress<VaccinationImportReport>(
        PATH,
        file!.originFileObj as File,
        setStage,
        abort.current.signal,
      );
    },
    onSuccess: async (report) => {
      if (report.imported > 0 || report.personsCreated > 0) {
        await Promise.all(
          ['/vaccination/coverage', '/vaccination/sentence', '/situation/vaccination-coverage'].map((key) =>
            queryClient.invalidateQueries({ queryKey: [key] }),
          ),
        );
      }
    },
    onSettled: () => {
      abort.current = null;
    },
  });
  const percent = percentOf(stage);
  return (
    <>
      <PageHeader title={t('vaccinationImport.title')} />
      <Flex data-testid="vaccination-import" vertical gap={12} style={{ maxWidth: 960 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('vaccinationImport.hint')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('vaccinationImport.personRule')}
        </Typography.Paragraph>
        <ImportColumnsGuide path={PATH} />
        <Upload.Dragger
          data-testid="import-file"
          accept=".csv,.xlsx"
          maxCount={1}
          disabled={upload.isPending}
          fileList={file ? [file] : []}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFile(fileList.at(-1));
            setStage(undefined);
            upload.reset();
          }}
          onRemove={() => {
            setFile(undefined);
            setStage(undefined);
            upload.reset();
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('vaccinationImport.drop')}</p>
        </Upload.Dragger>
        <Flex gap={8} wrap>
          <Button
            data-testid="import-submit"
            type="primary"
            icon={<UploadOutlined />}
            disabled={!file}
            loading={upload.isPending}
            onClick={() => {
              if (!upload.isPending) upload.mutate();
            }}
          >
            {t('vaccinationImport.submit')}
          </Button>
          {upload.isPending && stage?.stage === 'sending' && (
            <Button data-testid="import-cancel" onClick={() => abort.current?.abort()}>
              {t('vaccinationImport.cancel')}
            </Button>
          )}
          <Link to="/vaccination/coverage">
            <Button>{t('vaccinationImport.toCoverage')}</Button>
          </Link>
        </Flex>
        {upload.isPending && stage && (
          <Flex vertical gap={4} data-testid="import-progress">
            <Progress
              percent={percent}
              status="active"
              format={() => `${percent}%`}
              aria-label={t('vaccinationImport.progress')}
            />
            <Typography.Text type="secondary">
              {stage.stage === 'sending'
                ? t('vaccinationImport.sending', {
                    sent: formatNumber(Math.round(stage.sent / 1024)),
                    total: formatNumber(Math.round(stage.total / 1024)),
                  })
                : t('vaccinationImport.processing')}
            </Typography.Text>
          </Flex>
        )}
        {upload.isError && (
          <Alert data-testid="form-error" type="error" showIcon title={messageOf(upload.error)} />
        )}
        {upload.error instanceof ImportColumnsError && <ImportColumnsReport columns={upload.error.columns} />}
        {upload.data && <ImportResult report={upload.data} />}
      </Flex>
    </>
  );
}

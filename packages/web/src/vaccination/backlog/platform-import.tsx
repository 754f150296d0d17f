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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../app/api.ts';
import { formatNumber } from '../../app/format.ts';
import { postFileWithProgress, type UploadStage } from '../import/upload-progress.ts';
import type { PlatformImportReport } from './types.ts';

type Rejection = PlatformImportReport['rejectedRows'][number];

/** The platform file's rows accounted for: synced, already synced, unmatched, refused (with the report). */
function PlatformResult({ report }: { report: PlatformImportReport }) {
  const { t } = useTranslation();
  const colour = { success: '#389e0d', danger: '#cf1322' };
  const figures: { key: keyof PlatformImportReport; tone?: keyof typeof colour }[] = [
    { key: 'rows' },
    { key: 'synced', tone: 'success' },
    { key: 'alreadySynced' },
    { key: 'unmatched' },
    { key: 'rejected', tone: report.rejected > 0 ? 'danger' : undefined },
  ];
  return (
    <Card size="small" data-testid="backlog-import-report" title={t('vaccinationBacklog.resultTitle')}>
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          {figures.map((f) => (
            <Col key={f.key} xs={12} sm={8} lg={4}>
              <Statistic
                data-testid={`backlog-import-${f.key}`}
                title={t(`vaccinationBacklog.figures.${f.key}`)}
                value={report[f.key] as number}
                formatter={(v) => formatNumber(Number(v))}
                styles={{ content: f.tone ? { color: colour[f.tone] } : undefined }}
              />
            </Col>
          ))}
        </Row>
        {report.unmatched > 0 && (
          <Typography.Text type="secondary">
            {t('vaccinationBacklog.unmatchedNote', {
              count: report.unmatched,
              n: formatNumber(report.unmatched),
            })}
          </Typography.Text>
        )}
        {report.rejected > 0 && (
          <Flex vertical gap={8}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>
                {t('vaccinationBacklog.rejectedTitle', {
                  count: report.rejected,
                  n: formatNumber(report.rejected),
                })}
              </Typography.Text>
              <a
                href={`/api/v1/vaccination/backlog/imports/${report.batchId}/errors.csv`}
                download
                data-testid="backlog-import-errors"
              >
                <Button icon={<DownloadOutlined />}>{t('vaccinationBacklog.errorReport')}</Button>
              </a>
            </Flex>
            {report.rejectedRows.length < report.rejected && (
              <Typography.Text type="secondary">
                {t('vaccinationBacklog.firstRejected', { n: formatNumber(report.rejectedRows.length) })}
              </Typography.Text>
            )}
            <Table<Rejection>
              data-testid="backlog-import-rejected"
              rowKey={(r) => `${r.row}/${r.field}`}
              size="small"
              dataSource={report.rejectedRows}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('vaccinationBacklog.row'), dataIndex: 'row', width: 64 },
                { title: t('vaccinationBacklog.column'), dataIndex: 'label', width: 130 },
                {
                  title: t('vaccinationBacklog.value'),
                  dataIndex: 'value',
                  responsive: ['md'],
                  render: (v: string | null) => v ?? '',
                },
                { title: t('vaccinationBacklog.reason'), dataIndex: 'message' },
              ]}
            />
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/**
 * The platform's own export (CSV or XLSX) uploaded with its progress: the doses it names take
 * their dose code, the backlog above shrinks, and every row is accounted for.
 */
export function PlatformImport() {
  const { t } = useTranslation();
  const [file, setFile] = useState<UploadFile>();
  const [stage, setStage] = useState<UploadStage>();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: () =>
      postFileWithProgress<PlatformImportReport>(
        '/vaccination/backlog/import',
        file!.originFileObj as File,
        setStage,
      ),
    onSuccess: async (report) => {
      if (report.synced > 0) {
        await Promise.all(
          ['/vaccination/backlog', '/vaccination/sentence'].map((key) =>
            queryClient.invalidateQueries({ queryKey: [key] }),
          ),
        );
      }
    },
  });
  const percent =
    stage?.stage === 'processing'
      ? 100
      : stage && stage.total > 0
        ? Math.floor((stage.sent / stage.total) * 100)
        : 0;
  return (
    <Card size="small" title={t('vaccinationBacklog.importTitle')} data-testid="backlog-import">
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('vaccinationBacklog.importHint')}
        </Typography.Paragraph>
        <Upload.Dragger
          data-testid="backlog-import-file"
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
          <p className="ant-upload-text">{t('vaccinationBacklog.drop')}</p>
        </Upload.Dragger>
        <Flex>
          <Button
            data-testid="backlog-import-submit"
            type="primary"
            icon={<UploadOutlined />}
            disabled={!file}
            loading={upload.isPending}
            onClick={() => {
              if (!upload.isPending) upload.mutate();
            }}
          >
            {t('vaccinationBacklog.submit')}
          </Button>
        </Flex>
        {upload.isPending && stage && (
          <Flex vertical gap={4}>
            <Progress
              percent={percent}
              status="active"
              format={() => `${percent}%`}
              aria-label={t('vaccinationBacklog.progress')}
            />
            <Typography.Text type="secondary">
              {stage.stage === 'sending'
                ? t('vaccinationBacklog.sending')
                : t('vaccinationBacklog.processing')}
            </Typography.Text>
          </Flex>
        )}
        {upload.isError && (
          <Alert data-testid="backlog-import-error" type="error" showIcon title={messageOf(upload.error)} />
        )}
        {upload.data && <PlatformResult report={upload.data} />}
      </Flex>
    </Card>
  );
}

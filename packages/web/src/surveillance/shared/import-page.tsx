import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { messageOf } from '../../app/api.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ImportColumnsGuide, ImportColumnsReport } from './import-columns.tsx';
import { ImportReport } from './import-report.tsx';
import type { ImportReport as Report } from './types.ts';
import { ImportColumnsError, postFile } from './upload.ts';

interface ImportPageProps {
  /** POST route taking the file, e.g. "/tests/import". */
  path: string;
  title: string;
  testId: string;
  back: string;
  /** List queries to refresh after rows were written. */
  refresh: string;
}

/**
 * Uploads a CSV or XLSX file to an import route and shows its report: before, the columns the
 * import accepts and its template; after, how the header row was read and each rejected row.
 */
export function ImportPage({ path, title, testId, back, refresh }: ImportPageProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<UploadFile>();
  const [partial, setPartial] = useState(false);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: () => postFile<Report>(path, file!.originFileObj as File, { partial: partial || undefined }),
    onSuccess: async (report) => {
      if (report.inserted > 0) await queryClient.invalidateQueries({ queryKey: [refresh] });
    },
  });
  return (
    <>
      <PageHeader title={title} />
      <Flex data-testid={testId} vertical gap={12} style={{ maxWidth: 960 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('tests.importHint')}
        </Typography.Paragraph>
        <ImportColumnsGuide path={path} />
        <Upload.Dragger
          data-testid="import-file"
          accept=".csv,.xlsx"
          maxCount={1}
          fileList={file ? [file] : []}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFile(fileList.at(-1));
            upload.reset();
          }}
          onRemove={() => {
            setFile(undefined);
            upload.reset();
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('tests.importDrop')}</p>
        </Upload.Dragger>
        <Checkbox
          data-testid="import-partial"
          checked={partial}
          onChange={(event) => setPartial(event.target.checked)}
        >
          {t('tests.importPartial')}
        </Checkbox>
        <Flex gap={8} wrap>
          <Button
            data-testid="import-submit"
            type="primary"
            icon={<UploadOutlined />}
            disabled={!file}
            loading={upload.isPending}
            onClick={() => upload.mutate()}
          >
            {t('tests.importSubmit')}
          </Button>
          <Link to={back}>
            <Button>{t('tests.backToList')}</Button>
          </Link>
        </Flex>
        {upload.isError && (
          <Alert data-testid="form-error" type="error" showIcon title={messageOf(upload.error)} />
        )}
        {upload.error instanceof ImportColumnsError && <ImportColumnsReport columns={upload.error.columns} />}
      </Flex>
      {upload.data && <ImportReport report={upload.data} partial={partial} />}
    </>
  );
}

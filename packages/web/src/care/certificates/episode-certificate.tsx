import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';

export interface Certificate {
  id: string;
  episodeId: string;
  number: string;
  issuedOn: string;
  station: string;
  signerName: string | null;
  holderName: string;
  holderBirthYear: number;
  isolationFrom: string;
  isolationTo: string;
  criterion: string;
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revokedReason: string | null;
}

interface EpisodeCertificates {
  certificates: Certificate[];
  canIssue: boolean;
  /** Why no certificate can be issued now (in words), or the one already issued. */
  reason: string | null;
  earliestOn: string | null;
}

/**
 * The recovery certificate of an F0 isolation episode (giấy xác nhận khỏi bệnh), for the episode
 * page: its status, the button that issues it once the release criterion is met (else why not, in
 * words), the PDF to print, and revocation with a reason.
 */
export function EpisodeCertificate({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useAccount();
  const queryClient = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<Certificate>();
  const key = ['/care/episodes', episodeId, 'certificate'];
  const state = useQuery({
    queryKey: key,
    queryFn: () => api.get<EpisodeCertificates>(`/care/episodes/${episodeId}/certificate`),
  });
  const done = () => queryClient.invalidateQueries({ queryKey: ['/care/episodes'] });
  const issue = useMutation({
    mutationFn: (body: { signerName?: string }) =>
      api.post<Certificate>(`/care/episodes/${episodeId}/certificate`, body),
    onSuccess: (c) => {
      setIssuing(false);
      message.success(t('certificates.issued', { number: c.number }));
      done();
    },
  });
  const revoke = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<Certificate>(`/care/certificates/${id}/revoke`, { reason }),
    onSuccess: () => {
      setRevoking(undefined);
      message.success(t('certificates.revokedDone'));
      done();
    },
  });

  if (state.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (state.isError) return <Alert type="error" showIcon title={messageOf(state.error)} />;
  const writer = can(me, 'care.write');
  const { certificates, canIssue, reason } = state.data;

  return (
    <Card size="small" title={t('certificates.title')} data-testid="episode-certificate">
      <Flex vertical gap={8}>
        {certificates.map((c) => (
          <Flex key={c.id} wrap gap={8} align="center" justify="space-between">
            <Space wrap>
              <Tag color={c.status === 'valid' ? 'green' : 'red'}>
                {c.status === 'valid' ? t('certificates.valid') : t('certificates.revoked')}
              </Tag>
              <Typography.Text strong>
                {t('certificates.numberOn', { number: c.number, date: formatDate(c.issuedOn) })}
              </Typography.Text>
              <Typography.Text type="secondary">{c.criterion}</Typography.Text>
              {c.revokedReason && <Typography.Text type="danger">{c.revokedReason}</Typography.Text>}
            </Space>
            <Space>
              <Button icon={<FilePdfOutlined />} href={`/api/v1/care/certificates/${c.id}.pdf`} download>
                {t('certificates.download')}
              </Button>
              {writer && c.status === 'valid' && (
                <Button danger onClick={() => setRevoking(c)}>
                  {t('certificates.revoke')}
                </Button>
              )}
            </Space>
          </Flex>
        ))}
        {!certificates.some((c) => c.status === 'valid') && (
          <Flex vertical gap={4}>
            {writer && (
              <Tooltip title={canIssue ? undefined : reason}>
                <Button
                  type="primary"
                  icon={<SafetyCertificateOutlined />}
                  disabled={!canIssue}
                  onClick={() => setIssuing(true)}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('certificates.issue')}
                </Button>
              </Tooltip>
            )}
            {!canIssue && reason && <Typography.Text type="secondary">{reason}</Typography.Text>}
          </Flex>
        )}
      </Flex>
      <Modal
        open={issuing}
        title={t('certificates.issue')}
        okText={t('certificates.issueOk')}
        cancelText={t('common.cancel')}
        confirmLoading={issue.isPending}
        onCancel={() => {
          setIssuing(false);
          issue.reset();
        }}
        destroyOnHidden
        modalRender={(node) => (
          <Form
            layout="vertical"
            onFinish={(v: { signerName?: string }) => issue.mutate(v)}
            initialValues={{ signerName: me.fullName }}
          >
            {node}
          </Form>
        )}
        okButtonProps={{ htmlType: 'submit' }}
      >
        {issue.isError && (
          <Alert type="error" showIcon title={messageOf(issue.error)} style={{ marginBottom: 12 }} />
        )}
        <Typography.Paragraph>{t('certificates.issueHint')}</Typography.Paragraph>
        <Form.Item name="signerName" label={t('certificates.signer')}>
          <Input maxLength={200} />
        </Form.Item>
      </Modal>
      <Modal
        open={Boolean(revoking)}
        title={t('certificates.revokeTitle', { number: revoking?.number ?? '' })}
        okText={t('certificates.revoke')}
        okButtonProps={{ danger: true, htmlType: 'submit' }}
        cancelText={t('common.cancel')}
        confirmLoading={revoke.isPending}
        onCancel={() => {
          setRevoking(undefined);
          revoke.reset();
        }}
        destroyOnHidden
        modalRender={(node) => (
          <Form
            layout="vertical"
            onFinish={(v: { reason: string }) =>
              revoking && revoke.mutate({ id: revoking.id, reason: v.reason })
            }
          >
            {node}
          </Form>
        )}
      >
        {revoke.isError && (
          <Alert type="error" showIcon title={messageOf(revoke.error)} style={{ marginBottom: 12 }} />
        )}
        <Form.Item
          name="reason"
          label={t('certificates.revokeReason')}
          rules={[{ required: true, whitespace: true, message: t('certificates.revokeReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Modal>
    </Card>
  );
}

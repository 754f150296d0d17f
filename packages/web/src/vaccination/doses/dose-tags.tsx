import { WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dose, ReviewStatus } from './types.ts';

const REVIEW_COLORS: Record<ReviewStatus, string | undefined> = {
  none: undefined,
  pending: 'gold',
  accepted: 'green',
  rejected: 'red',
};

/** "Chờ duyệt", "Đã duyệt", "Đã loại"; nothing for a dose that needed no review. */
export function ReviewTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  if (status === 'none') return null;
  return (
    <Tag data-testid="dose-review-status" color={REVIEW_COLORS[status]}>
      {t(`vaccinationDoses.review.${status}`)}
    </Tag>
  );
}

/** Whether the national platform knows the dose (it has a mã mũi tiêm). */
export function SyncTag({ dose }: { dose: Dose }) {
  const { t } = useTranslation();
  return dose.synced ? (
    <Tag color="blue" title={t('vaccinationDoses.nationalId')}>
      {t('vaccinationDoses.synced', { id: dose.nationalId })}
    </Tag>
  ) : (
    <Tag>{t('vaccinationDoses.notSynced')}</Tag>
  );
}

/** The rules a dose broke, one sentence each (worded by the server; by code when it has none). */
export function DoseFlags({ dose }: { dose: Dose }) {
  const { t } = useTranslation();
  if (dose.flags.length === 0) return null;
  return (
    <Flex vertical gap={2} data-testid="dose-flags">
      {dose.flags.map((flag) => (
        <Typography.Text key={flag.code} type={dose.reviewStatus === 'pending' ? 'warning' : 'secondary'}>
          <WarningOutlined style={{ marginInlineEnd: 6 }} />
          {flag.message ||
            t(`vaccinationDoses.flags.${flag.code}`, { defaultValue: t('vaccinationDoses.flags.other') })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

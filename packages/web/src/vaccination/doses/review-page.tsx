import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, messageOf } from '../../app/api.ts';
import { CursorList, FilterBar } from '../../app/cursor-list.tsx';
import { showOnFields } from '../../app/form-errors.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import type { UnitDetail } from '../../units/types.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import { DoseFlags } from './dose-tags.tsx';
import type { Dose, ReviewItem } from './types.ts';
import { personDosesKey } from './use-person-doses.ts';

const REVIEWS = '/vaccination/reviews';

function useReview(item: ReviewItem, onDone: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { decision: 'accepted' | 'rejected'; note?: string }) =>
      api.post<Dose>(`/doses/${item.id}/review`, body),
    onSuccess: async (saved) => {
      message.success(
        t(
          saved.reviewStatus === 'rejected'
            ? 'vaccinationDoses.rejectedDone'
            : 'vaccinationDoses.acceptedDone',
          {
            name: item.person.fullName,
            number: item.doseNumber,
          },
        ),
      );
      await queryClient.invalidateQueries({ queryKey: [REVIEWS] });
      await queryClient.invalidateQueries({ queryKey: personDosesKey(item.person.id) });
      onDone();
    },
  });
}

/** Rejecting says why: the dose stops counting, and whoever recorded it reads the reason. */
function RejectModal({ item, onClose }: { item: ReviewItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [formError, setFormError] = useState<string>();
  const review = useReview(item, onClose);
  return (
    <Modal
      open
      title={t('vaccinationDoses.rejectTitle', { name: item.person.fullName, number: item.doseNumber })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="reject"
          data-testid="review-reject-submit"
          danger
          type="primary"
          htmlType="submit"
          loading={review.isPending}
        >
          {t('vaccinationDoses.reject')}
        </Button>,
      ]}
      modalRender={(dom) => (
        <Form
          form={form}
          layout="vertical"
          onFinish={({ note }) => {
            if (review.isPending) return;
            setFormError(undefined);
            review.mutate(
              { decision: 'rejected', note: note.trim() },
              { onError: (error) => setFormError(showOnFields(form, error, ['note'])) },
            );
          }}
        >
          {dom}
        </Form>
      )}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('vaccinationDoses.rejectHint')}</Typography.Paragraph>
      <Form.Item
        name="note"
        label={t('vaccinationDoses.rejectNote')}
        rules={[{ required: true, whitespace: true, message: t('vaccinationDoses.rejectNoteRequired') }]}
      >
        <Input.TextArea data-testid="review-note" maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </Modal>
  );
}

function ReviewActions({ item, onReject }: { item: ReviewItem; onReject: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const accept = useReview(item, () => {});
  return (
    <Space size={4} wrap>
      <Button
        data-testid="review-accept"
        size="small"
        type="primary"
        icon={<CheckOutlined />}
        loading={accept.isPending}
        onClick={() =>
          accept.mutate({ decision: 'accepted' }, { onError: (error) => message.error(messageOf(error)) })
        }
      >
        {t('vaccinationDoses.accept')}
      </Button>
      <Button data-testid="review-reject" size="small" danger icon={<CloseOutlined />} onClick={onReject}>
        {t('vaccinationDoses.reject')}
      </Button>
    </Space>
  );
}

/**
 * /vaccination/reviews: doses recorded against the rules (too young, too soon, out of sequence …),
 * oldest first, each with its reasons in words; a reviewer accepts it (it keeps counting) or
 * rejects it with a reason (it stops counting).
 */
export function DoseReviewPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const [rejecting, setRejecting] = useState<ReviewItem>();
  const items = useCursorList<ReviewItem>(REVIEWS, { unit });
  const filterUnit = useQuery({
    queryKey: ['unit', unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(unit!)}`),
    enabled: unit !== undefined,
  });
  return (
    <>
      <PageHeader title={t('vaccinationDoses.reviewTitle')} />
      <Typography.Paragraph type="secondary">{t('vaccinationDoses.reviewIntro')}</Typography.Paragraph>
      <FilterBar>
        <UnitSelect
          data-testid="review-unit-filter"
          aria-label={t('vaccinationDoses.unitFilter')}
          placeholder={t('vaccinationDoses.unitFilter')}
          allowClear
          value={unit}
          known={filterUnit.data}
          onChange={(value) => setParams(value ? { unit: value } : {}, { replace: true })}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
      </FilterBar>
      <CursorList<ReviewItem>
        testId="review-list"
        list={items}
        rowKey={(item) => item.id}
        empty={t('vaccinationDoses.reviewEmpty')}
        columns={[
          {
            key: 'person',
            title: t('vaccinationDoses.person'),
            card: 'title',
            render: (item) => <Link to={`/persons/${item.person.id}`}>{item.person.fullName}</Link>,
          },
          {
            key: 'birthDate',
            title: t('vaccinationDoses.birthDate'),
            card: 'primary',
            render: (item) => formatDate(item.person.birthDate),
          },
          {
            key: 'dose',
            title: t('vaccinationDoses.dose'),
            card: 'primary',
            render: (item) =>
              `${t('vaccinationDoses.doseLabel', { number: item.doseNumber })} · ${item.productName} · ${formatDate(item.givenOn)}`,
          },
          {
            key: 'flags',
            title: t('vaccinationDoses.why'),
            card: 'primary',
            width: 360,
            render: (item) => <DoseFlags dose={item} />,
          },
          {
            key: 'recorded',
            title: t('vaccinationDoses.recorded'),
            render: (item) =>
              item.createdBy
                ? t('vaccinationDoses.recordedBy', { by: item.createdBy, at: formatDateTime(item.createdAt) })
                : formatDateTime(item.createdAt),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            card: 'primary',
            bare: true,
            render: (item) => <ReviewActions item={item} onReject={() => setRejecting(item)} />,
          },
        ]}
      />
      {rejecting && <RejectModal item={rejecting} onClose={() => setRejecting(undefined)} />}
    </>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { formatDate } from '../../app/format.ts';
import { useCarePlaces } from '../shared/care-places.ts';
import { DATE_FORMAT, isoDate } from '../shared/dates.ts';
import { OUTCOME_LABELS, OUTCOMES, optionsOf, SEVERITIES, SEVERITY_LABELS } from '../shared/labels.ts';
import { PolicyBasis } from '../shared/policy-basis.tsx';
import type { Case, CaseDetail, CaseEventKind, EarliestRelease } from '../shared/types.ts';
import { caseKey } from './use-case.ts';

interface EventValues {
  on: Dayjs;
  value: string;
  detail?: string;
  overrideReason?: string;
}

const FIXED_OPTIONS = {
  severity: optionsOf(SEVERITIES, SEVERITY_LABELS),
  outcome: optionsOf(OUTCOMES, OUTCOME_LABELS),
};

/** Whether a recovery on `on` is earlier than the policy allows (no date yet counts as earlier). */
function earlierThanAllowed(release: EarliestRelease | null, on: Dayjs | undefined): boolean {
  if (!release || !on) return false;
  return release.earliestOn === null || on.isBefore(dayjs(release.earliestOn), 'day');
}

/** The earliest recovery date under the policy in force, and its basis. */
function EarliestRecovery({ release }: { release: EarliestRelease }) {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid="case-event-earliest"
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={
        release.earliestOn
          ? t('cases.earliestRecovery', { date: formatDate(release.earliestOn) })
          : t('cases.earliestRecoveryNone', { reason: release.reasons.at(-1) ?? '' })
      }
      description={<PolicyBasis policy={release.policy} prefix="cases.earliestRecoveryBasis" />}
    />
  );
}

interface CaseEventModalProps {
  kase: CaseDetail;
  kind: CaseEventKind;
  onClose: () => void;
}

/** Records a change of severity or place of care, or the outcome that closes the case. */
export function CaseEventModal({ kase, kind, onClose }: CaseEventModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EventValues>();
  const [formError, setFormError] = useState<string>();
  const value = Form.useWatch('value', form);
  const on = Form.useWatch('on', form);
  const carePlaces = useCarePlaces();
  const queryClient = useQueryClient();
  const needsCriterion = kind === 'outcome' && value === 'recovered';
  const release = needsCriterion ? kase.release : null;
  const needsReason = earlierThanAllowed(release, on);
  const save = useMutation({
    mutationFn: (values: EventValues) =>
      api.post<Case>(`/cases/${kase.id}/events`, {
        kind,
        on: isoDate(values.on),
        value: values.value,
        detail: values.detail?.trim() || undefined,
        overrideReason: needsReason ? values.overrideReason?.trim() || undefined : undefined,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
      await queryClient.invalidateQueries({ queryKey: ['/cases'] });
      message.success(t('cases.eventSaved'));
      onClose();
    },
    onError: (error) => setFormError(showOnFields(form, error, ['on', 'value', 'detail', 'overrideReason'])),
  });
  const options = kind === 'care' ? carePlaces.options : FIXED_OPTIONS[kind];
  const current = kind === 'severity' ? kase.severity : kind === 'care' ? kase.carePlace : undefined;

  return (
    <Modal
      open
      title={t(`cases.eventTitle.${kind}`)}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          data-testid="case-event-submit"
          type="primary"
          htmlType="submit"
          loading={save.isPending}
        >
          {t('common.save')}
        </Button>,
      ]}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<EventValues>
          data-testid="case-event-form"
          form={form}
          layout="vertical"
          initialValues={{ on: dayjs(), value: current }}
          onFinish={(values) => {
            // Enter in a field and a click can both submit: one request only.
            if (save.isPending) return;
            setFormError(undefined);
            save.mutate(values);
          }}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {release && <EarliestRecovery release={release} />}
      <Form.Item
        name="on"
        label={t('cases.eventOn')}
        rules={[{ required: true, message: t('cases.eventOnRequired') }]}
      >
        <DatePicker
          data-testid="case-event-on"
          format={DATE_FORMAT}
          placeholder={t('common.datePlaceholder')}
          disabledDate={(date) =>
            date.isAfter(dayjs(), 'day') || date.isBefore(dayjs(kase.detectedOn), 'day')
          }
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item
        name="value"
        label={t(`cases.eventValue.${kind}`)}
        rules={[{ required: true, message: t('cases.eventValueRequired') }]}
      >
        <Select
          data-testid="case-event-value"
          options={options}
          loading={kind === 'care' && carePlaces.loading}
        />
      </Form.Item>
      <Form.Item
        name="detail"
        label={needsCriterion ? t('cases.recoveryCriterion') : t('cases.eventDetail')}
        rules={[
          { required: needsCriterion, whitespace: true, message: t('cases.recoveryCriterionRequired') },
        ]}
        extra={
          needsCriterion && (
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0, whiteSpace: 'normal', height: 'auto', textAlign: 'start' }}
              onClick={() => form.setFieldValue('detail', kase.isolation.criterion)}
            >
              {t('cases.useCriterion')}
            </Button>
          )
        }
      >
        <Input.TextArea
          data-testid="case-event-detail"
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      </Form.Item>
      {needsReason && (
        <Form.Item
          name="overrideReason"
          label={t('cases.overrideReason')}
          extra={t('cases.overrideReasonHint')}
          rules={[{ required: true, whitespace: true, message: t('cases.overrideReasonRequired') }]}
        >
          <Input.TextArea
            data-testid="case-event-override"
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 6 }}
          />
        </Form.Item>
      )}
    </Modal>
  );
}

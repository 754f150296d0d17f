import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TEXT_LIMITS, VACCINE_PRODUCTS } from '@tuyendau/domain';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { DATE_FORMAT, isoDate } from '../../surveillance/shared/dates.ts';
import { keepEnterInInputs } from '../../surveillance/shared/forms.ts';
import type { Dose, DoseKind, PersonDoses } from './types.ts';
import { personDosesKey } from './use-person-doses.ts';

interface DoseValues {
  doseNumber: number;
  kind: DoseKind;
  product: string;
  givenOn: Dayjs;
  lot?: string;
  site?: string;
  nationalId?: string;
  reason?: string;
}

const FIELDS = ['doseNumber', 'kind', 'product', 'givenOn', 'lot', 'site', 'nationalId', 'reason'] as const;
const DOSE_NUMBERS = [1, 2, 3, 4, 5, 6];
const KINDS: DoseKind[] = ['primary', 'additional', 'booster'];
const PRODUCT_OPTIONS = VACCINE_PRODUCTS.map((p) => ({ value: p.code, label: p.name }));

interface DoseModalProps {
  personId: string;
  birthDate: string;
  doses: PersonDoses;
  /** The dose being corrected; none: a new dose is recorded. */
  correcting?: Dose;
  onClose: () => void;
}

/** The values a new dose starts with: the next dose by the rules, the product of the last one, today. */
function initialValues(doses: PersonDoses, correcting?: Dose): Partial<DoseValues> {
  if (correcting) {
    return {
      doseNumber: correcting.doseNumber,
      kind: correcting.kind,
      product: correcting.product,
      givenOn: dayjs(correcting.givenOn),
      lot: correcting.lot ?? undefined,
      site: correcting.site ?? undefined,
      nationalId: correcting.nationalId ?? undefined,
    };
  }
  const last = doses.doses.at(-1);
  const taken = new Set(doses.doses.map((d) => d.doseNumber));
  const suggested = doses.next && !taken.has(doses.next.doseNumber) ? doses.next.doseNumber : undefined;
  const free = DOSE_NUMBERS.find((n) => !taken.has(n));
  return {
    doseNumber: suggested ?? free,
    kind: doses.next && suggested ? doses.next.kind : undefined,
    product: last?.product,
    givenOn: dayjs(doses.today),
    site: last?.site ?? undefined,
  };
}

/**
 * Records a dose of a person, or corrects one (the old dose is kept as history, with the reason).
 * The rules never refuse a dose: what breaks them comes back as flags, and the dose waits for review.
 */
export function DoseModal({ personId, birthDate, doses, correcting, onClose }: DoseModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DoseValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const taken = new Set(doses.doses.filter((d) => d.id !== correcting?.id).map((d) => d.doseNumber));
  const save = useMutation({
    mutationFn: (values: DoseValues) => {
      const body = {
        doseNumber: values.doseNumber,
        kind: values.kind,
        product: values.product,
        givenOn: isoDate(values.givenOn),
        lot: values.lot?.trim() ?? '',
        site: values.site?.trim() ?? '',
        nationalId: values.nationalId?.trim() ?? '',
      };
      return correcting
        ? api.post<Dose>(`/doses/${correcting.id}/correct`, { ...body, reason: values.reason?.trim() })
        : api.post<Dose>(`/persons/${personId}/doses`, {
            ...body,
            lot: body.lot || undefined,
            site: body.site || undefined,
            nationalId: body.nationalId || undefined,
          });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: personDosesKey(personId) });
      await queryClient.invalidateQueries({ queryKey: ['/vaccination/reviews'] });
      if (saved.flags.length > 0) {
        message.warning(t('vaccinationDoses.savedPending', { count: saved.flags.length }));
      } else {
        message.success(t(correcting ? 'vaccinationDoses.corrected' : 'vaccinationDoses.saved'));
      }
      onClose();
    },
    onError: (error) => setFormError(showOnFields(form, error, FIELDS)),
  });
  return (
    <Modal
      open
      title={
        correcting
          ? t('vaccinationDoses.correctTitle', { number: correcting.doseNumber })
          : t('vaccinationDoses.recordTitle')
      }
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          data-testid="dose-submit"
          type="primary"
          htmlType="submit"
          loading={save.isPending}
        >
          {correcting ? t('vaccinationDoses.saveCorrection') : t('vaccinationDoses.save')}
        </Button>,
      ]}
      modalRender={(dom) => (
        <Form<DoseValues>
          data-testid="dose-form"
          form={form}
          layout="vertical"
          onKeyDown={keepEnterInInputs}
          initialValues={initialValues(doses, correcting)}
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
      {formError && (
        <Alert
          data-testid="dose-error"
          type="error"
          showIcon
          title={formError}
          style={{ marginBottom: 16 }}
        />
      )}
      {correcting && (
        <Alert type="info" showIcon title={t('vaccinationDoses.correctHint')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name="doseNumber"
        label={t('vaccinationDoses.doseNumber')}
        rules={[{ required: true, message: t('vaccinationDoses.doseNumberRequired') }]}
        extra={
          !correcting && doses.next
            ? t('vaccinationDoses.nextHint', {
                number: doses.next.doseNumber,
                kind: t(`vaccinationDoses.kinds.${doses.next.kind}`),
                date: dayjs(doses.next.dueOn).format(DATE_FORMAT),
              })
            : undefined
        }
      >
        <Select
          data-testid="dose-number"
          options={DOSE_NUMBERS.map((n) => ({
            value: n,
            label: t('vaccinationDoses.doseLabel', { number: n }),
            disabled: taken.has(n),
          }))}
        />
      </Form.Item>
      <Form.Item name="kind" label={t('vaccinationDoses.kind')} extra={t('vaccinationDoses.kindHint')}>
        <Select
          data-testid="dose-kind"
          allowClear
          placeholder={t('vaccinationDoses.kindAuto')}
          options={KINDS.map((k) => ({ value: k, label: t(`vaccinationDoses.kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="product"
        label={t('vaccinationDoses.product')}
        rules={[{ required: true, message: t('vaccinationDoses.productRequired') }]}
      >
        <Select
          data-testid="dose-product"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('vaccinationDoses.productPlaceholder')}
          options={PRODUCT_OPTIONS}
        />
      </Form.Item>
      <Form.Item
        name="givenOn"
        label={t('vaccinationDoses.givenOn')}
        rules={[{ required: true, message: t('vaccinationDoses.givenOnRequired') }]}
      >
        <DatePicker
          data-testid="dose-given-on"
          format={DATE_FORMAT}
          placeholder={t('common.datePlaceholder')}
          disabledDate={(date) =>
            date.isAfter(dayjs(doses.today), 'day') || date.isBefore(dayjs(birthDate), 'day')
          }
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="lot" label={t('vaccinationDoses.lot')}>
        <Input data-testid="dose-lot" maxLength={TEXT_LIMITS.ref} />
      </Form.Item>
      <Form.Item name="site" label={t('vaccinationDoses.site')}>
        <Input data-testid="dose-site" maxLength={TEXT_LIMITS.site} />
      </Form.Item>
      <Form.Item
        name="nationalId"
        label={t('vaccinationDoses.nationalId')}
        extra={t('vaccinationDoses.nationalIdHint')}
      >
        <Input data-testid="dose-national-id" maxLength={TEXT_LIMITS.ref} />
      </Form.Item>
      {correcting && (
        <Form.Item
          name="reason"
          label={t('vaccinationDoses.reason')}
          rules={[{ required: true, whitespace: true, message: t('vaccinationDoses.reasonRequired') }]}
        >
          <Input.TextArea data-testid="dose-reason" maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      )}
    </Modal>
  );
}

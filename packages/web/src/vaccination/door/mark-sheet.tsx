import { useMutation } from '@tanstack/react-query';
import { TEXT_LIMITS, VACCINE_PRODUCTS } from '@tuyendau/domain';
import {
  Alert,
  Button,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { afterToday, DATE_FORMAT, isoDate } from '../../surveillance/shared/dates.ts';
import { keepEnterInInputs } from '../../surveillance/shared/forms.ts';
import { type DoorPerson, MARK_KINDS, type MarkKind, type MarkResult } from './types.ts';

interface MarkValues {
  product?: string;
  doseNumber?: number;
  givenOn?: Dayjs;
  lot?: string;
  site?: string;
  reason?: string;
  until?: Dayjs;
  onDate?: Dayjs;
}

const FIELDS = [
  'mark',
  'product',
  'doseNumber',
  'givenOn',
  'lot',
  'site',
  'reason',
  'until',
  'onDate',
] as const;
const DOSE_NUMBERS = [1, 2, 3, 4, 5, 6];
const PRODUCT_OPTIONS = VACCINE_PRODUCTS.map((p) => ({ value: p.code, label: p.name }));
/** Reasons a team often writes for a deferral: one tap fills the field. */
const DEFER_REASONS = ['sick', 'pregnant', 'covid', 'away'] as const;

/** The button colour of each kind: vaccinated green, refused red, the rest neutral. */
const DANGER: Partial<Record<MarkKind, boolean>> = { refused: true, deceased: true };

interface MarkSheetProps {
  person: DoorPerson;
  today: string;
  onClose: () => void;
  onMarked: (result: MarkResult, kind: MarkKind) => void;
}

/**
 * The sheet a mobile team marks a person with: the kinds as words (one tap), the fields of that
 * kind filled with what is likely (today, the next dose, the last vaccine), then Lưu. A bottom
 * sheet on a phone, a dialog on a desktop.
 */
export function MarkSheet({ person, today, onClose, onMarked }: MarkSheetProps) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const [kind, setKind] = useState<MarkKind>();
  const [form] = Form.useForm<MarkValues>();
  const [formError, setFormError] = useState<string>();
  const nextNumber = person.next?.doseNumber ?? Math.min(6, person.doses.length + 1);
  const lastProduct = person.doses.at(-1)?.product;
  const save = useMutation({
    mutationFn: (values: MarkValues) => {
      const text = (v?: string) => (v?.trim() ? v.trim() : undefined);
      const day = (v?: Dayjs) => (v ? isoDate(v) : undefined);
      const body: Record<string, unknown> = { mark: kind };
      if (kind === 'vaccinated_here' || kind === 'vaccinated_elsewhere') {
        Object.assign(body, {
          product: values.product === 'unknown' ? undefined : values.product,
          doseNumber: values.doseNumber,
          givenOn: day(values.givenOn),
          lot: text(values.lot),
          site: text(values.site),
        });
      } else if (kind === 'refused') {
        body.reason = text(values.reason);
      } else if (kind === 'deferred') {
        Object.assign(body, { reason: text(values.reason), until: day(values.until) });
      } else if (kind === 'moved_away') {
        Object.assign(body, { onDate: day(values.onDate), reason: text(values.reason) });
      } else {
        body.onDate = day(values.onDate);
      }
      return api.post<MarkResult>(`/persons/${person.id}/door-marks`, body);
    },
    onSuccess: (result) => onMarked(result, kind!),
    onError: (error) => setFormError(showOnFields(form, error, FIELDS)),
  });

  const choose = (k: MarkKind) => {
    setKind(k);
    setFormError(undefined);
    form.resetFields();
    form.setFieldsValue({
      doseNumber: nextNumber,
      product: k === 'vaccinated_here' ? lastProduct : undefined,
      givenOn: k === 'vaccinated_here' ? dayjs(today) : undefined,
      onDate: k === 'moved_away' || k === 'deceased' ? dayjs(today) : undefined,
    });
  };

  /** One tap writes a common reason for a deferral. */
  const deferChips = (
    <Flex wrap gap={6} style={{ marginTop: 6 }}>
      {DEFER_REASONS.map((r) => (
        <Tag.CheckableTag
          key={r}
          checked={false}
          onChange={() => form.setFieldValue('reason', t(`vaccinationDoor.deferReasons.${r}`))}
          style={{ border: '1px solid #d9d9d9', padding: '2px 10px' }}
        >
          {t(`vaccinationDoor.deferReasons.${r}`)}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );

  const title = (
    <Flex vertical gap={2}>
      <span data-testid="mark-person">{person.fullName}</span>
      <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
        {person.next
          ? t('vaccinationDoor.dueLine', {
              dose: t('vaccinationDoor.doseLabel', { number: person.next.doseNumber }),
              date: dayjs(person.next.dueOn).format(DATE_FORMAT),
            })
          : t('vaccinationDoor.nothingDue')}
      </Typography.Text>
    </Flex>
  );

  const body = (
    <Form<MarkValues>
      data-testid="mark-form"
      form={form}
      layout="vertical"
      onKeyDown={keepEnterInInputs}
      onFinish={(values) => {
        if (save.isPending || !kind) return;
        setFormError(undefined);
        save.mutate(values);
      }}
    >
      <div
        role="radiogroup"
        aria-label={t('vaccinationDoor.chooseMark')}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginBottom: 16 }}
      >
        {MARK_KINDS.map((k) => (
          <Button
            key={k}
            role="radio"
            aria-checked={kind === k}
            data-testid={`mark-kind-${k}`}
            size="large"
            type={kind === k ? 'primary' : 'default'}
            danger={DANGER[k] && kind === k}
            onClick={() => choose(k)}
            style={{ height: 48, whiteSpace: 'normal', lineHeight: 1.2 }}
          >
            {t(`vaccinationDoor.marks.${k}`)}
          </Button>
        ))}
      </div>
      {formError && (
        <Alert
          data-testid="mark-error"
          type="error"
          showIcon
          title={formError}
          style={{ marginBottom: 12 }}
        />
      )}
      {(kind === 'vaccinated_here' || kind === 'vaccinated_elsewhere') && (
        <>
          <Form.Item
            name="givenOn"
            label={t('vaccinationDoor.givenOn')}
            rules={[{ required: true, message: t('vaccinationDoor.givenOnRequired') }]}
          >
            <DatePicker
              id="mark-given-on"
              data-testid="mark-given-on"
              format={DATE_FORMAT}
              placeholder={t('common.datePlaceholder')}
              disabledDate={(d) => afterToday(d) || d.isBefore(dayjs(person.birthDate), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              name="doseNumber"
              label={t('vaccinationDoor.doseNumber')}
              rules={[{ required: true, message: t('vaccinationDoor.doseNumberRequired') }]}
              style={{ flex: '0 0 120px' }}
            >
              <Select
                data-testid="mark-dose-number"
                options={DOSE_NUMBERS.map((n) => ({
                  value: n,
                  label: t('vaccinationDoor.doseLabel', { number: n }),
                  disabled: person.doses.some((d) => d.doseNumber === n),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="product"
              label={t('vaccinationDoor.product')}
              rules={
                kind === 'vaccinated_here'
                  ? [{ required: true, message: t('vaccinationDoor.productRequired') }]
                  : undefined
              }
              style={{ flex: 1, minWidth: 0 }}
            >
              <Select
                data-testid="mark-product"
                showSearch={{ optionFilterProp: 'label' }}
                allowClear={kind === 'vaccinated_elsewhere'}
                placeholder={
                  kind === 'vaccinated_elsewhere'
                    ? t('vaccinationDoor.productUnknown')
                    : t('vaccinationDoor.productPlaceholder')
                }
                options={PRODUCT_OPTIONS}
              />
            </Form.Item>
          </Flex>
          {kind === 'vaccinated_here' && (
            <Form.Item name="lot" label={t('vaccinationDoor.lot')}>
              <Input data-testid="mark-lot" maxLength={TEXT_LIMITS.ref} />
            </Form.Item>
          )}
          <Form.Item
            name="site"
            label={
              kind === 'vaccinated_here' ? t('vaccinationDoor.siteHere') : t('vaccinationDoor.siteElsewhere')
            }
          >
            <Input data-testid="mark-site" maxLength={TEXT_LIMITS.site} />
          </Form.Item>
        </>
      )}
      {kind === 'deferred' && (
        <Form.Item
          name="until"
          label={t('vaccinationDoor.until')}
          rules={[{ required: true, message: t('vaccinationDoor.untilRequired') }]}
        >
          <DatePicker
            id="mark-until"
            data-testid="mark-until"
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            disabledDate={(d) => !d.isAfter(dayjs(today), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      )}
      {(kind === 'refused' || kind === 'deferred' || kind === 'moved_away') && (
        <Form.Item
          name="reason"
          label={kind === 'deferred' ? t('vaccinationDoor.deferReason') : t('vaccinationDoor.reasonOptional')}
          rules={
            kind === 'deferred'
              ? [{ required: true, whitespace: true, message: t('vaccinationDoor.reasonRequired') }]
              : undefined
          }
          extra={kind === 'deferred' ? deferChips : undefined}
        >
          <Input.TextArea data-testid="mark-reason" maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      )}
      {(kind === 'moved_away' || kind === 'deceased') && (
        <Form.Item
          name="onDate"
          label={kind === 'deceased' ? t('vaccinationDoor.diedOn') : t('vaccinationDoor.leftOn')}
          rules={[{ required: true, message: t('vaccinationDoor.onDateRequired') }]}
          extra={kind === 'deceased' ? t('vaccinationDoor.deceasedHint') : t('vaccinationDoor.movedHint')}
        >
          <DatePicker
            id="mark-on-date"
            data-testid="mark-on-date"
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            disabledDate={(d) => afterToday(d) || d.isBefore(dayjs(person.birthDate), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      )}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        <Button size="large" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          size="large"
          type="primary"
          htmlType="submit"
          data-testid="mark-submit"
          disabled={!kind}
          loading={save.isPending}
          danger={kind ? DANGER[kind] : false}
          style={{ flex: phone ? 1 : undefined }}
        >
          {t('vaccinationDoor.save')}
        </Button>
      </Flex>
    </Form>
  );

  return phone ? (
    <Drawer
      open
      placement="bottom"
      title={title}
      onClose={onClose}
      destroyOnHidden
      size="auto"
      styles={{ body: { paddingTop: 12 }, wrapper: { maxHeight: '92vh', height: 'auto' } }}
    >
      {body}
    </Drawer>
  ) : (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden width={520}>
      {body}
    </Modal>
  );
}

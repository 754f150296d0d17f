import { useMutation, useQuery } from '@tanstack/react-query';
import {
  CALLER_WARNING_SIGN_LABELS,
  CALLER_WARNING_SIGNS,
  HOTLINE_KIND_LABELS,
  HOTLINE_KINDS,
} from '@tuyendau/domain';
import { Alert, Button, Checkbox, Flex, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { PersonPicker } from '../../surveillance/shared/person-picker.tsx';
import { UnitSelect } from '../../units/unit-select.tsx';
import type { HotlineItem, PublishedNumbers } from './types.ts';

/** One text field in a modal, sent with a POST: the assignment (who) or the resolution (what was done). */
export function TextActionModal({
  item,
  action,
  onClose,
  onDone,
}: {
  item: HotlineItem | undefined;
  action: 'assign' | 'resolve';
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const field = action === 'assign' ? 'assignedTo' : 'resolution';
  const run = useMutation({
    mutationFn: (value: string) =>
      api.post<HotlineItem>(`/hotline-requests/${item!.id}/${action}`, { [field]: value }),
    onSuccess: () => onDone(action === 'assign' ? t('hotline.assignedDone') : t('hotline.resolvedDone')),
  });
  return (
    <Modal
      open={Boolean(item)}
      title={
        action === 'assign'
          ? t('hotline.assignTitle', { reference: item?.reference })
          : t('hotline.resolveTitle', { reference: item?.reference })
      }
      okText={action === 'assign' ? t('hotline.assign') : t('hotline.resolve')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit' }}
      confirmLoading={run.isPending}
      onCancel={() => {
        run.reset();
        onClose();
      }}
      destroyOnHidden
      modalRender={(node) => (
        <Form
          layout="vertical"
          initialValues={{ [field]: action === 'assign' ? (item?.assignedTo ?? '') : '' }}
          onFinish={(v) => run.mutate(v[field])}
        >
          {node}
        </Form>
      )}
    >
      {run.isError && (
        <Alert type="error" showIcon title={messageOf(run.error)} style={{ marginBottom: 12 }} />
      )}
      <Form.Item
        name={field}
        label={action === 'assign' ? t('hotline.assignedToLabel') : t('hotline.resolutionLabel')}
        rules={[{ required: true, whitespace: true, message: t('hotline.required') }]}
      >
        {action === 'assign' ? <Input maxLength={200} /> : <Input.TextArea rows={3} maxLength={2000} />}
      </Form.Item>
    </Modal>
  );
}

interface CallForm {
  callerName: string;
  phone: string;
  personId?: string;
  unitCode?: string;
  kind: string;
  address?: string;
  detail?: string;
  warningSigns?: string[];
  inIsolation?: boolean;
}

const CALL_FIELDS = [
  'callerName',
  'phone',
  'personId',
  'unitCode',
  'kind',
  'address',
  'detail',
  'warningSigns',
];

/** An operator records a call: who called, about whom (a person of the registry, or just a commune), what they need. */
export function CallModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (reference: string) => void;
}) {
  const { t } = useTranslation();
  const me = useAccount();
  const [form] = Form.useForm<CallForm>();
  const [error, setError] = useState<string>();
  const personId = Form.useWatch('personId', form);
  const save = useMutation({
    mutationFn: (values: CallForm) => api.post<HotlineItem>('/hotline-requests', values),
    onError: (err) => setError(showOnFields(form, err, CALL_FIELDS)),
    onSuccess: (item) => {
      form.resetFields();
      setError(undefined);
      onDone(item.reference);
    },
  });
  return (
    <Modal
      open={open}
      title={t('hotline.recordCall')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit' }}
      confirmLoading={save.isPending}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      destroyOnHidden
      modalRender={(node) => (
        <Form<CallForm>
          form={form}
          layout="vertical"
          initialValues={{ unitCode: me.unit?.level === 'commune' ? me.unit.code : undefined }}
          onFinish={(v) => save.mutate(v)}
        >
          {node}
        </Form>
      )}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item
        name="kind"
        label={t('publicHotline.kind')}
        rules={[{ required: true, message: t('publicHotline.kindRequired') }]}
      >
        <Select options={HOTLINE_KINDS.map((k) => ({ value: k, label: HOTLINE_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item
        name="callerName"
        label={t('hotline.callerName')}
        rules={[{ required: true, whitespace: true, message: t('hotline.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('publicHotline.phone')}
        rules={[{ required: true, whitespace: true, message: t('hotline.required') }]}
      >
        <Input type="tel" maxLength={30} />
      </Form.Item>
      <Form.Item name="personId" label={t('hotline.person')} extra={t('hotline.personHint')}>
        <PersonPicker allowClear />
      </Form.Item>
      {!personId && (
        <Form.Item
          name="unitCode"
          label={t('publicHotline.commune')}
          rules={[{ required: true, message: t('publicHotline.communeRequired') }]}
        >
          <UnitSelect level="commune" />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('publicHotline.address')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="inIsolation" label={t('publicHotline.inIsolation')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="warningSigns" label={t('publicHotline.warningSigns')}>
        <Checkbox.Group>
          <Flex vertical gap={4}>
            {CALLER_WARNING_SIGNS.map((s) => (
              <Checkbox key={s} value={s}>
                {CALLER_WARNING_SIGN_LABELS[s]}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="detail" label={t('publicHotline.detail')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </Modal>
  );
}

/** The numbers a unit inside the jurisdiction publishes on the public page, edited as a list. */
export function NumbersModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const me = useAccount();
  const [unit, setUnit] = useState<string | undefined>(me.unit?.code);
  const [form] = Form.useForm<{ numbers: { phone: string; label: string }[] }>();
  const current = useQuery({
    queryKey: ['/public/hotline-numbers', unit ?? null],
    queryFn: () => api.get<PublishedNumbers>('/public/hotline-numbers', { unit }),
    enabled: open && Boolean(unit),
  });
  useEffect(() => {
    if (current.data) {
      form.setFieldsValue({ numbers: current.data.units.find((u) => u.code === unit)?.numbers ?? [] });
    }
  }, [current.data, unit, form]);
  const save = useMutation({
    mutationFn: (numbers: { phone: string; label: string }[]) =>
      api.put(`/units/${unit}/hotline-numbers`, { numbers }),
    onSuccess: () => onDone(),
  });
  return (
    <Modal
      open={open}
      title={t('hotline.numbersTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', disabled: !unit }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(node) => (
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.numbers ?? [])}>
          {node}
        </Form>
      )}
    >
      {save.isError && (
        <Alert type="error" showIcon title={messageOf(save.error)} style={{ marginBottom: 12 }} />
      )}
      <Form.Item label={t('hotline.numbersUnit')}>
        <UnitSelect
          value={unit}
          onChange={(v) => setUnit(v)}
          known={me.unit ? { code: me.unit.code, name: me.unit.name } : undefined}
        />
      </Form.Item>
      <Form.List name="numbers">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="start">
                <Form.Item
                  name={[f.name, 'phone']}
                  rules={[{ required: true, whitespace: true, message: t('hotline.required') }]}
                  style={{ flex: 1, margin: 0 }}
                >
                  <Input placeholder={t('hotline.numberPhone')} maxLength={30} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'label']}
                  rules={[{ required: true, whitespace: true, message: t('hotline.required') }]}
                  style={{ flex: 2, margin: 0 }}
                >
                  <Input placeholder={t('hotline.numberLabel')} maxLength={200} />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>{t('hotline.remove')}</Button>
              </Flex>
            ))}
            {fields.length < 10 && (
              <Button type="dashed" onClick={() => add({ phone: '', label: '' })}>
                {t('hotline.addNumber')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Modal>
  );
}

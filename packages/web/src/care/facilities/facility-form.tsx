import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CAPACITY_FIELDS,
  CAPACITY_LABELS,
  FACILITY_KIND_LABELS,
  FACILITY_KINDS,
  FACILITY_TYPE_LABELS,
  FACILITY_TYPES,
  MAX_CAPACITY,
  TEXT_LIMITS,
} from '@tuyendau/domain';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAccount } from '../../app/account.ts';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import type { Facility } from './types.ts';

interface Values {
  name: string;
  kind: 'isolation' | 'treatment';
  type: string;
  tier?: string;
  unitCode: string;
  owner?: string;
  address?: string;
  phone?: string;
  oxygenSupply?: string;
  beds: number;
  icuBeds?: number;
  ventilators?: number;
  highFlowOxygen?: number;
  ecmo?: number;
  dialysis?: number;
  oxygenConcentrators?: number;
}

const FIELDS = [
  'name',
  'kind',
  'type',
  'tier',
  'unitCode',
  'owner',
  'address',
  'phone',
  'oxygenSupply',
  ...CAPACITY_FIELDS,
];

/** Registers an isolation site or a treatment facility (planned), with its capacity. */
export function FacilityFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useAccount();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const kind = Form.useWatch('kind', form);
  const tiers = useQuery({
    queryKey: ['/care-tiers'],
    queryFn: () =>
      api.get<{ items: { code: string; name: string; tier: number; active: boolean }[] }>('/care-tiers'),
  });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const capacity = Object.fromEntries(
        CAPACITY_FIELDS.filter((f) => v[f] !== undefined && v[f] !== null).map((f) => [f, v[f]]),
      );
      return api.post<Facility>('/facilities', {
        name: v.name,
        kind: v.kind,
        type: v.type,
        unitCode: v.unitCode,
        ...(v.tier ? { tier: v.tier } : {}),
        ...(v.owner?.trim() ? { owner: v.owner.trim() } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        ...(v.oxygenSupply?.trim() ? { oxygenSupply: v.oxygenSupply.trim() } : {}),
        capacity,
      });
    },
    onSuccess: (f) => {
      message.success(t('places.created', { name: f.name }));
      void queryClient.invalidateQueries({ queryKey: ['/facilities'] });
      navigate(`/care/facilities/${f.id}`);
    },
    onError: (e) => setError(showOnFields(form, e, FIELDS)),
  });
  const tierOptions = (tiers.data?.items ?? [])
    .filter((x) => x.active)
    .map((x) => ({ value: x.code, label: x.name }));
  return (
    <Modal
      open
      title={t('places.newFacility')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        data-testid="facility-form"
        initialValues={{ kind: 'isolation', type: 'dormitory', unitCode: me.unit?.code }}
        onFinish={(v) => {
          setError(undefined);
          save.mutate(v);
        }}
      >
        <Form.Item
          name="name"
          label={t('places.name')}
          rules={[{ required: true, message: t('places.nameRequired') }]}
        >
          <Input maxLength={TEXT_LIMITS.name} data-testid="facility-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('places.kind')} rules={[{ required: true }]}>
          <Select options={FACILITY_KINDS.map((k) => ({ value: k, label: FACILITY_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="type" label={t('places.type')} rules={[{ required: true }]}>
          <Select options={FACILITY_TYPES.map((k) => ({ value: k, label: FACILITY_TYPE_LABELS[k] }))} />
        </Form.Item>
        {kind === 'treatment' && (
          <Form.Item name="tier" label={t('places.tier')}>
            <Select allowClear options={tierOptions} loading={tiers.isLoading} />
          </Form.Item>
        )}
        <Form.Item
          name="unitCode"
          label={t('places.unitCode')}
          extra={t('places.unitCodeHelp')}
          rules={[{ required: true, message: t('places.unitRequired') }]}
        >
          <Input maxLength={TEXT_LIMITS.unitCode} />
        </Form.Item>
        <Form.Item name="owner" label={t('places.owner')}>
          <Input maxLength={TEXT_LIMITS.name} />
        </Form.Item>
        <Form.Item name="address" label={t('places.address')}>
          <Input maxLength={TEXT_LIMITS.address} />
        </Form.Item>
        <Form.Item name="phone" label={t('places.phone')}>
          <Input maxLength={TEXT_LIMITS.phone} inputMode="tel" />
        </Form.Item>
        {CAPACITY_FIELDS.map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={CAPACITY_LABELS[f]}
            rules={f === 'beds' ? [{ required: true, message: t('places.bedsRequired') }] : []}
          >
            <InputNumber
              min={0}
              max={MAX_CAPACITY}
              precision={0}
              style={{ width: '100%' }}
              data-testid={`facility-${f}`}
            />
          </Form.Item>
        ))}
        <Form.Item name="oxygenSupply" label={t('places.oxygenSupply')}>
          <Input maxLength={TEXT_LIMITS.name} placeholder={t('places.oxygenSupplyPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

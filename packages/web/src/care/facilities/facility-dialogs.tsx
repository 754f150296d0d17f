import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CAPACITY_FIELDS,
  CAPACITY_LABELS,
  EPISODE_REASON_LABELS,
  EPISODE_REASONS,
  FACILITY_STATE_LABELS,
  FACILITY_TRANSITIONS,
  type FacilityState,
  MAX_CAPACITY,
  TEXT_LIMITS,
} from '@tuyendau/domain';
import { Alert, App, type ButtonProps, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useAccount } from '../../app/account.ts';
import { api, type ListPage } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { formatDate } from '../../app/format.ts';
import { useDebounced } from '../../app/use-debounced.ts';
import type { FacilityDetail } from './types.ts';

const DATE = 'DD/MM/YYYY';

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['/facilities'] });
    void queryClient.invalidateQueries({ queryKey: [`/facilities/${id}`] });
    void queryClient.invalidateQueries({ queryKey: ['/care/episodes'] });
    void queryClient.invalidateQueries({ queryKey: ['/care/capacity'] });
  };
}

/** A state change allowed from the current state, its day and who decided. */
export function StateDialog({ facility, onClose }: { facility: FacilityDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(facility.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const save = useMutation({
    mutationFn: (v: { state: FacilityState; effectiveOn: dayjs.Dayjs; decidedBy: string; note?: string }) =>
      api.post(`/facilities/${facility.id}/state`, {
        state: v.state,
        effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
        decidedBy: v.decidedBy,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: () => {
      message.success(t('places.stateChanged'));
      refresh();
      onClose();
    },
    onError: (e) => setError(showOnFields(form, e, ['state', 'effectiveOn', 'decidedBy', 'note'])),
  });
  return (
    <Modal
      open
      title={t('places.changeState')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'state-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ effectiveOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="state"
          label={t('places.newState')}
          rules={[{ required: true, message: t('places.pickState') }]}
        >
          <Select
            data-testid="state-select"
            options={FACILITY_TRANSITIONS[facility.state].map((s) => ({
              value: s,
              label: FACILITY_STATE_LABELS[s],
            }))}
          />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('places.effectiveOn')} rules={[{ required: true }]}>
          <DatePicker format={DATE} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="decidedBy"
          label={t('places.decidedBy')}
          extra={t('places.decidedByHelp')}
          rules={[{ required: true, whitespace: true, message: t('places.decidedByRequired') }]}
        >
          <Input maxLength={TEXT_LIMITS.name} data-testid="state-decided-by" />
        </Form.Item>
        <Form.Item name="note" label={t('places.note')}>
          <Input.TextArea maxLength={TEXT_LIMITS.note} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The daily capacity report; occupied is counted by the system from the stays. */
export function DayDialog({ facility, onClose }: { facility: FacilityDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(facility.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const save = useMutation({
    mutationFn: ({ day, ...v }: Record<string, number | undefined> & { day: dayjs.Dayjs }) =>
      api.put(
        `/facilities/${facility.id}/days/${day.format('YYYY-MM-DD')}`,
        Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null)),
      ),
    onSuccess: () => {
      message.success(t('places.dayReported'));
      refresh();
      onClose();
    },
    onError: (e) => setError(showOnFields(form, e, ['day', ...CAPACITY_FIELDS, 'icuOccupied'])),
  });
  const initial = Object.fromEntries(CAPACITY_FIELDS.map((f) => [f, facility[f]]));
  return (
    <Modal
      open
      title={t('places.reportDay')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'day-save' } as ButtonProps}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('places.occupiedCounted', { occupied: facility.occupied })}
        style={{ marginBottom: 12 }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ day: dayjs(), ...initial }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="day" label={t('places.day')} rules={[{ required: true }]}>
          <DatePicker
            format={DATE}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        {CAPACITY_FIELDS.map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={CAPACITY_LABELS[f]}
            rules={f === 'beds' ? [{ required: true }] : []}
          >
            <InputNumber
              min={0}
              max={MAX_CAPACITY}
              precision={0}
              style={{ width: '100%' }}
              data-testid={`day-${f}`}
            />
          </Form.Item>
        ))}
        <Form.Item name="icuOccupied" label={t('places.icuOccupied')}>
          <InputNumber min={0} max={MAX_CAPACITY} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PersonHit {
  id: string;
  fullName: string;
  birthDate: string;
  unitName?: string;
}

/** Admission of a registered person (searched by name, phone or number) into a bed of this facility. */
export function AdmitDialog({ facility, onClose }: { facility: FacilityDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useAccount();
  const { message } = App.useApp();
  const refresh = useRefresh(facility.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const people = useQuery({
    queryKey: ['/persons', { q: search }],
    queryFn: () => api.get<ListPage<PersonHit>>('/persons', { q: search, limit: 20 }),
    enabled: search.trim().length >= 2,
  });
  const full = facility.free <= 0;
  const save = useMutation({
    mutationFn: (v: { personId: string; reason: string; note?: string; override?: string }) =>
      api.post<{ personName: string }>(`/facilities/${facility.id}/admissions`, {
        personId: v.personId,
        reason: v.reason,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(v.override?.trim() ? { override: { reason: v.override.trim() } } : {}),
      }),
    onSuccess: (e) => {
      message.success(t('places.admitted', { name: e.personName, facility: facility.name }));
      refresh();
      onClose();
    },
    onError: (e) => setError(showOnFields(form, e, ['personId', 'reason', 'note'])),
  });
  return (
    <Modal
      open
      title={t('places.admitTo', { name: facility.name })}
      okText={t('places.admit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'admit-save' } as ButtonProps}
      destroyOnHidden
    >
      {full && <Alert type="warning" showIcon title={t('places.fullWarning')} style={{ marginBottom: 12 }} />}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="admit-error" />
      )}
      <Form form={form} layout="vertical" initialValues={{}} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="personId"
          label={t('places.person')}
          rules={[{ required: true, message: t('places.pickPerson') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            id="admit-person"
            data-testid="admit-person"
            placeholder={t('places.searchPerson')}
            loading={people.isFetching}
            notFoundContent={search.trim().length >= 2 ? t('places.noPerson') : t('places.typeToSearch')}
            options={(people.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.fullName} · ${formatDate(p.birthDate)}${p.unitName ? ` · ${p.unitName}` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('places.reason')}
          rules={[{ required: true, message: t('places.pickReason') }]}
        >
          <Select
            id="admit-reason"
            data-testid="admit-reason"
            options={EPISODE_REASONS.map((r) => ({ value: r, label: EPISODE_REASON_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('places.note')}>
          <Input.TextArea maxLength={TEXT_LIMITS.note} autoSize={{ minRows: 2 }} />
        </Form.Item>
        {full && can(me, 'facility.manage') && (
          <Form.Item name="override" label={t('places.overrideReason')} extra={t('places.overrideHelp')}>
            <Input.TextArea
              maxLength={TEXT_LIMITS.note}
              autoSize={{ minRows: 2 }}
              data-testid="admit-override"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

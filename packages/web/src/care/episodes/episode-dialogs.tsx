import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DISCHARGE_REASONS,
  END_REASON_LABELS,
  EPISODE_REASON_LABELS,
  EPISODE_REASONS,
  TEXT_LIMITS,
} from '@tuyendau/domain';
import { Alert, App, type ButtonProps, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, type ListPage } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import type { Facility } from '../facilities/types.ts';
import type { Episode, EpisodeDetail } from './types.ts';

const DATE = 'DD/MM/YYYY';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of ['/care/episodes', '/facilities', '/care/capacity']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
    void queryClient.invalidateQueries({
      predicate: (q) => String(q.queryKey[0]).startsWith('/care/episodes/'),
    });
  };
}

/** Ends an episode: completed (with the release criterion), died, absconded, other. Frees the bed. */
export function DischargeDialog({ episode, onClose }: { episode: EpisodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const reason = Form.useWatch('reason', form);
  const save = useMutation({
    mutationFn: (v: { reason: string; on: dayjs.Dayjs; criterion?: string; note?: string }) =>
      api.post(`/care/episodes/${episode.id}/discharge`, {
        reason: v.reason,
        on: v.on.format('YYYY-MM-DD'),
        ...(v.criterion?.trim() ? { criterion: v.criterion.trim() } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: () => {
      message.success(t('places.discharged'));
      refresh();
      onClose();
    },
    onError: (e) => setError(showOnFields(form, e, ['reason', 'on', 'criterion', 'note'])),
  });
  return (
    <Modal
      open
      title={t('places.discharge')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'discharge-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: 'completed', on: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="reason" label={t('places.endReason')} rules={[{ required: true }]}>
          <Select options={DISCHARGE_REASONS.map((r) => ({ value: r, label: END_REASON_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="on" label={t('places.endOn')} rules={[{ required: true }]}>
          <DatePicker
            format={DATE}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        {reason === 'completed' && (
          <Form.Item
            name="criterion"
            label={t('places.criterion')}
            rules={[{ required: true, whitespace: true, message: t('places.criterionRequired') }]}
          >
            <Input.TextArea
              maxLength={TEXT_LIMITS.note}
              autoSize={{ minRows: 2 }}
              data-testid="discharge-criterion"
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('places.note')}>
          <Input.TextArea maxLength={TEXT_LIMITS.note} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Back home, or into (another) active facility of the province: full ones cannot be picked. */
export function MoveDialog({ episode, onClose }: { episode: EpisodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useAccount();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const to = Form.useWatch('to', form);
  const facilityId = Form.useWatch('facilityId', form);
  const facilities = useQuery({
    queryKey: ['/facilities', 'available', episode.unitCode],
    queryFn: () => api.get<ListPage<Facility>>('/facilities', { available: true, limit: 200 }),
  });
  const chosen = facilities.data?.items.find((f) => f.id === facilityId);
  const save = useMutation({
    mutationFn: (v: { to: 'home' | 'facility'; facilityId?: string; note?: string; override?: string }) =>
      api.post(`/care/episodes/${episode.id}/move`, {
        to: v.to,
        ...(v.to === 'facility' ? { facilityId: v.facilityId } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(v.override?.trim() ? { override: { reason: v.override.trim() } } : {}),
      }),
    onSuccess: () => {
      message.success(t('places.moved'));
      refresh();
      onClose();
    },
    onError: (e) => {
      setError(showOnFields(form, e, ['to', 'facilityId', 'note']));
      void facilities.refetch();
    },
  });
  return (
    <Modal
      open
      title={t('places.move')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'move-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ to: episode.place === 'home' ? 'facility' : 'home' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="to" label={t('places.moveTo')}>
          <Radio.Group
            options={[
              { value: 'home', label: t('places.toHome'), disabled: episode.place === 'home' },
              { value: 'facility', label: t('places.toFacility') },
            ]}
          />
        </Form.Item>
        {to === 'facility' && (
          <Form.Item
            name="facilityId"
            label={t('places.facility')}
            rules={[{ required: true, message: t('places.pickFacility') }]}
          >
            <Select
              data-testid="move-facility"
              showSearch={{ optionFilterProp: 'label' }}
              loading={facilities.isLoading}
              options={(facilities.data?.items ?? [])
                .filter((f) => f.id !== episode.facilityId)
                .map((f) => ({
                  value: f.id,
                  disabled: f.free <= 0 && !can(me, 'facility.manage'),
                  label: t('places.facilityOption', {
                    name: f.name,
                    tier: f.tierName ?? '',
                    free: f.free,
                    beds: f.beds,
                  }),
                }))}
            />
          </Form.Item>
        )}
        {to === 'facility' && chosen && chosen.free <= 0 && can(me, 'facility.manage') && (
          <Form.Item name="override" label={t('places.overrideReason')} extra={t('places.overrideHelp')}>
            <Input.TextArea maxLength={TEXT_LIMITS.note} autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('places.note')}>
          <Input.TextArea maxLength={TEXT_LIMITS.note} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Isolation or quarantine at home with the household's commitment. */
export function EnrolDialog({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefresh();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const save = useMutation({
    mutationFn: (v: {
      reason: string;
      startOn?: dayjs.Dayjs;
      signer: string;
      signedOn: dayjs.Dayjs;
      team?: string;
    }) =>
      api.post<Episode>('/care/episodes', {
        personId,
        reason: v.reason,
        ...(v.startOn ? { startOn: v.startOn.format('YYYY-MM-DD') } : {}),
        commitment: { signer: v.signer, signedOn: v.signedOn.format('YYYY-MM-DD') },
        ...(v.team?.trim() ? { supervisingTeam: v.team.trim() } : {}),
      }),
    onSuccess: (e) => {
      refresh();
      navigate(`/care/episodes/${e.id}`);
    },
    onError: (e) => setError(showOnFields(form, e, ['reason', 'startOn', 'signer', 'signedOn'])),
  });
  return (
    <Modal
      open
      title={t('places.enrol')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'enrol-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: 'case', signedOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="reason" label={t('places.reason')} rules={[{ required: true }]}>
          <Select options={EPISODE_REASONS.map((r) => ({ value: r, label: EPISODE_REASON_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="startOn" label={t('places.startOn')} extra={t('places.startOnHelp')}>
          <DatePicker
            format={DATE}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="signer"
          label={t('places.signer')}
          rules={[{ required: true, whitespace: true, message: t('places.signerRequired') }]}
        >
          <Input maxLength={TEXT_LIMITS.personName} data-testid="enrol-signer" />
        </Form.Item>
        <Form.Item name="signedOn" label={t('places.signedOn')} rules={[{ required: true }]}>
          <DatePicker
            format={DATE}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="team" label={t('places.supervisingTeam')}>
          <Input maxLength={TEXT_LIMITS.name} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The household's commitment of an episode at home opened without it (a case registered for home care). */
export function CommitmentDialog({ episode, onClose }: { episode: EpisodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const save = useMutation({
    mutationFn: (v: { signer: string; signedOn: dayjs.Dayjs; team?: string }) =>
      api.post(`/care/episodes/${episode.id}/commitment`, {
        signer: v.signer,
        signedOn: v.signedOn.format('YYYY-MM-DD'),
        ...(v.team?.trim() ? { supervisingTeam: v.team.trim() } : {}),
      }),
    onSuccess: () => {
      refresh();
      onClose();
    },
    onError: (e) => setError(showOnFields(form, e, ['signer', 'signedOn'])),
  });
  return (
    <Modal
      open
      title={t('places.commitment')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'commitment-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ signedOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="signer"
          label={t('places.signer')}
          rules={[{ required: true, whitespace: true, message: t('places.signerRequired') }]}
        >
          <Input maxLength={TEXT_LIMITS.personName} />
        </Form.Item>
        <Form.Item name="signedOn" label={t('places.signedOn')} rules={[{ required: true }]}>
          <DatePicker
            format={DATE}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="team" label={t('places.supervisingTeam')}>
          <Input maxLength={TEXT_LIMITS.name} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

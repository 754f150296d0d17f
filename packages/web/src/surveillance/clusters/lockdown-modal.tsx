import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { DATE_FORMAT, isoDate } from '../shared/dates.ts';
import { keepEnterInInputs } from '../shared/forms.ts';
import { showOnNestedFields } from '../shared/nested-errors.ts';
import type { ClusterDetail, Lockdown } from '../shared/types.ts';
import { UnitMultiSelect, type UnitValue } from './unit-multi-select.tsx';
import { clusterKey } from './use-cluster.ts';

interface LockdownValues {
  units: UnitValue[];
  villages: string[];
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
}

/** Draws a lockdown zone (phong tỏa) of a cluster: units, villages, from and until when. */
export function LockdownModal({ cluster, onClose }: { cluster: ClusterDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LockdownValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: LockdownValues) =>
      api.post<Lockdown>(`/clusters/${cluster.id}/lockdowns`, {
        unitCodes: values.units.map((unit) => unit.value),
        villages: (values.villages ?? []).map((village) => village.trim()).filter(Boolean),
        startsOn: isoDate(values.startsOn),
        endsOn: values.endsOn ? isoDate(values.endsOn) : null,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clusterKey(cluster.id) });
      message.success(t('clusters.lockdownSaved'));
      onClose();
    },
    onError: (error) =>
      setFormError(
        showOnNestedFields(form, error, ([field]) => {
          // The form names the units field "units"; the API names it "unitCodes".
          if (field === 'unitCodes') return ['units'];
          return typeof field === 'string' && ['villages', 'startsOn', 'endsOn'].includes(field)
            ? [field]
            : undefined;
        }),
      ),
  });
  return (
    <Modal
      open
      title={t('clusters.lockdownAdd')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          data-testid="lockdown-submit"
          type="primary"
          htmlType="submit"
          loading={save.isPending}
        >
          {t('common.save')}
        </Button>,
      ]}
      modalRender={(dom) => (
        <Form<LockdownValues>
          data-testid="lockdown-form"
          onKeyDown={keepEnterInInputs}
          form={form}
          layout="vertical"
          initialValues={{
            units: [{ value: cluster.unitCode, label: cluster.unitName }],
            villages: cluster.villages,
            startsOn: dayjs(),
          }}
          onFinish={(values) => {
            // Enter in a field and a click can both submit: one request only.
            if (save.isPending) return;
            setFormError(undefined);
            save.mutate(values);
          }}
        >
          {dom}
        </Form>
      )}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="units"
        label={t('clusters.lockdownUnits')}
        rules={[{ required: true, message: t('clusters.lockdownUnitsRequired') }]}
      >
        <UnitMultiSelect data-testid="lockdown-units" around={cluster.unitCode} />
      </Form.Item>
      <Form.Item name="villages" label={t('clusters.villages')} extra={t('clusters.villagesHint')}>
        <Select data-testid="lockdown-villages" mode="tags" open={false} tokenSeparators={[',', ';']} />
      </Form.Item>
      <Form.Item
        name="startsOn"
        label={t('clusters.lockdownStarts')}
        rules={[{ required: true, message: t('clusters.lockdownStartsRequired') }]}
      >
        <DatePicker
          format={DATE_FORMAT}
          placeholder={t('common.datePlaceholder')}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="endsOn" label={t('clusters.lockdownEnds')}>
        <DatePicker
          format={DATE_FORMAT}
          placeholder={t('common.datePlaceholder')}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </Modal>
  );
}

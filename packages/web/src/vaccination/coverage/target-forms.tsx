import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AGE_GROUPS, type AgeGroup } from '@tuyendau/domain';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { DATE_FORMAT, isoDate } from '../../surveillance/shared/dates.ts';
import { keepEnterInInputs } from '../../surveillance/shared/forms.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import { DOSES, GROUP_KEYS, type PopulationTarget, type Target } from './types.ts';

/** After a target or a population changes, every coverage figure may move. */
async function refresh(queryClient: ReturnType<typeof useQueryClient>) {
  await Promise.all(
    [
      '/vaccination/targets',
      '/vaccination/population-targets',
      '/vaccination/coverage',
      '/vaccination/sentence',
    ].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

interface ModalFormProps<V> {
  title: string;
  testId: string;
  initialValues: Partial<V>;
  fields: readonly string[];
  save: (values: V) => Promise<unknown>;
  done: string;
  onClose: () => void;
  children: ReactNode;
}

/** A form in a modal that saves once, shows each API error under its field, confirms and closes. */
function ModalForm<V extends object>({
  title,
  testId,
  initialValues,
  fields,
  save,
  done,
  onClose,
  children,
}: ModalFormProps<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: async () => {
      await refresh(queryClient);
      message.success(done);
      onClose();
    },
    onError: (error) => setFormError(showOnFields(form, error, fields)),
  });
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          data-testid={`${testId}-submit`}
          type="primary"
          htmlType="submit"
          loading={mutation.isPending}
        >
          {t('vaccinationCoverage.save')}
        </Button>,
      ]}
      modalRender={(dom) => (
        <Form<V>
          data-testid={testId}
          form={form}
          layout="vertical"
          onKeyDown={keepEnterInInputs}
          initialValues={initialValues}
          onFinish={(values) => {
            if (mutation.isPending) return;
            setFormError(undefined);
            mutation.mutate(values);
          }}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      {formError && (
        <Alert
          type="error"
          showIcon
          title={formError}
          style={{ marginBottom: 16 }}
          data-testid="target-error"
        />
      )}
      {children}
    </Modal>
  );
}

function useGroupOptions() {
  const { t } = useTranslation();
  return AGE_GROUPS.map((g) => ({ value: g, label: t(`vaccinationCoverage.groupsShort.${GROUP_KEYS[g]}`) }));
}

interface TargetValues {
  unitCode: string;
  ageGroup: AgeGroup;
  dose: number;
  targetRate: number;
  deadline: Dayjs;
  note?: string;
}

const TARGET_FIELDS = ['unitCode', 'ageGroup', 'dose', 'targetRate', 'deadline', 'note'] as const;

/** Sets a target (a rate per unit, group and dose, by a deadline), or changes one's rate, deadline and note. */
export function TargetModal({
  editing,
  unit,
  onClose,
}: {
  editing?: Target;
  unit?: { code: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const groups = useGroupOptions();
  return (
    <ModalForm<TargetValues>
      title={editing ? t('vaccinationCoverage.targetEdit') : t('vaccinationCoverage.targetNew')}
      testId="target-form"
      fields={TARGET_FIELDS}
      done={t('vaccinationCoverage.targetSaved')}
      onClose={onClose}
      initialValues={
        editing
          ? {
              unitCode: editing.unitCode,
              ageGroup: editing.ageGroup,
              dose: editing.dose,
              targetRate: editing.targetRate,
              deadline: dayjs(editing.deadline),
              note: editing.note ?? undefined,
            }
          : { unitCode: unit?.code, ageGroup: '18+', dose: 3 }
      }
      save={(v) => {
        const common = {
          targetRate: v.targetRate,
          deadline: isoDate(v.deadline),
          note: v.note?.trim() || undefined,
        };
        return editing
          ? api.patch(`/vaccination/targets/${editing.id}`, common)
          : api.post('/vaccination/targets', {
              unitCode: v.unitCode,
              ageGroup: v.ageGroup,
              dose: v.dose,
              ...common,
            });
      }}
    >
      <Form.Item
        name="unitCode"
        label={t('vaccinationCoverage.unit')}
        rules={[{ required: true, message: t('vaccinationCoverage.unitRequired') }]}
      >
        <UnitSelect
          data-testid="target-unit"
          disabled={!!editing}
          known={editing ? { code: editing.unitCode, name: editing.unitName } : unit}
        />
      </Form.Item>
      <Form.Item name="ageGroup" label={t('vaccinationCoverage.ageGroup')} rules={[{ required: true }]}>
        <Select data-testid="target-group" disabled={!!editing} options={groups} />
      </Form.Item>
      <Form.Item name="dose" label={t('vaccinationCoverage.dose')} rules={[{ required: true }]}>
        <Select
          data-testid="target-dose"
          disabled={!!editing}
          options={DOSES.map((n) => ({ value: n, label: t('vaccinationCoverage.doseN', { n }) }))}
        />
      </Form.Item>
      <Form.Item
        name="targetRate"
        label={t('vaccinationCoverage.targetRate')}
        rules={[{ required: true, message: t('vaccinationCoverage.targetRateRequired') }]}
      >
        <InputNumber<number>
          data-testid="target-rate"
          min={0.1}
          max={100}
          step={0.5}
          precision={1}
          decimalSeparator=","
          suffix="%"
          style={{ width: 140 }}
        />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={t('vaccinationCoverage.deadline')}
        rules={[{ required: true, message: t('vaccinationCoverage.deadlineRequired') }]}
      >
        <DatePicker data-testid="target-deadline" format={DATE_FORMAT} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="note" label={t('vaccinationCoverage.note')} extra={t('vaccinationCoverage.noteHint')}>
        <Input.TextArea data-testid="target-note" maxLength={500} rows={2} />
      </Form.Item>
    </ModalForm>
  );
}

interface PopulationValues {
  unitCode: string;
  ageGroup: AgeGroup;
  population: number;
  source?: string;
}

const POPULATION_FIELDS = ['unitCode', 'ageGroup', 'population', 'source'] as const;

/** Sets (or replaces) the official population of a unit and group: coverage divides by it from then on. */
export function PopulationModal({
  editing,
  unit,
  onClose,
}: {
  editing?: PopulationTarget;
  unit?: { code: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const groups = useGroupOptions();
  return (
    <ModalForm<PopulationValues>
      title={t('vaccinationCoverage.populationSet')}
      testId="population-form"
      fields={POPULATION_FIELDS}
      done={t('vaccinationCoverage.populationSaved')}
      onClose={onClose}
      initialValues={
        editing
          ? {
              unitCode: editing.unitCode,
              ageGroup: editing.ageGroup,
              population: editing.population,
              source: editing.source ?? undefined,
            }
          : { unitCode: unit?.code, ageGroup: '18+' }
      }
      save={(v) =>
        api.put(
          `/vaccination/population-targets/${encodeURIComponent(v.unitCode)}/${encodeURIComponent(v.ageGroup)}`,
          { population: v.population, source: v.source?.trim() || undefined },
        )
      }
    >
      <Alert
        type="info"
        showIcon
        title={t('vaccinationCoverage.populationHint')}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        name="unitCode"
        label={t('vaccinationCoverage.unit')}
        rules={[{ required: true, message: t('vaccinationCoverage.unitRequired') }]}
      >
        <UnitSelect
          data-testid="population-unit"
          disabled={!!editing}
          known={editing ? { code: editing.unitCode, name: editing.unitName } : unit}
        />
      </Form.Item>
      <Form.Item name="ageGroup" label={t('vaccinationCoverage.ageGroup')} rules={[{ required: true }]}>
        <Select data-testid="population-group" disabled={!!editing} options={groups} />
      </Form.Item>
      <Form.Item
        name="population"
        label={t('vaccinationCoverage.populationOfficialLabel')}
        rules={[{ required: true, message: t('vaccinationCoverage.populationRequired') }]}
      >
        <InputNumber<number>
          data-testid="population-value"
          min={1}
          max={200_000_000}
          precision={0}
          decimalSeparator=","
          formatter={(value) =>
            value === undefined ? '' : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
          }
          parser={(value) => Number((value ?? '').replace(/\./g, ''))}
          style={{ width: 180 }}
        />
      </Form.Item>
      <Form.Item name="source" label={t('vaccinationCoverage.populationSource')}>
        <Input data-testid="population-source" maxLength={300} />
      </Form.Item>
    </ModalForm>
  );
}

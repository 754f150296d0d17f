import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ID_TYPES,
  type IdType,
  PERSON_FLAGS,
  type PersonFlag,
  type PersonInput,
  SEXES,
  type Sex,
} from '@tuyendau/domain';
import { App, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../app/api.ts';
import { FormActions, FormErrorAlert } from '../app/form-actions.tsx';
import { showOnFields } from '../app/form-errors.ts';
import { UnitSelect } from '../units/unit-select.tsx';
import type { PersonDetail } from './types.ts';

interface PersonFormValues {
  fullName: string;
  birthDate: Dayjs;
  sex: Sex;
  idType?: IdType | null;
  idNumber?: string;
  phone?: string;
  unitCode: string;
  address?: string;
  flags: PersonFlag[];
}

const FIELDS = [
  'fullName',
  'birthDate',
  'sex',
  'idType',
  'idNumber',
  'phone',
  'unitCode',
  'address',
  'flags',
];
const FLAG_IDS = Object.keys(PERSON_FLAGS) as PersonFlag[];

/** Blank text → null, which the API reads as "no value" (and, in a PATCH, as "clear it"). */
function textOrNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function inputOf(values: PersonFormValues): PersonInput {
  const idNumber = textOrNull(values.idNumber);
  return {
    fullName: values.fullName.trim(),
    birthDate: values.birthDate.format('YYYY-MM-DD'),
    sex: values.sex,
    idType: idNumber ? (values.idType ?? null) : null,
    idNumber,
    phone: textOrNull(values.phone),
    unitCode: values.unitCode,
    address: textOrNull(values.address),
    flags: values.flags ?? [],
  };
}

function valuesOf(person: PersonDetail): PersonFormValues {
  return {
    fullName: person.fullName,
    birthDate: dayjs(person.birthDate),
    sex: person.sex,
    idType: person.idType,
    idNumber: person.idNumber ?? undefined,
    phone: person.phone ?? undefined,
    unitCode: person.unitCode,
    address: person.address ?? undefined,
    flags: person.flags,
  };
}

/** The fields of `next` that differ from `before`: an edit sends only what the user changed. */
function changes(before: PersonInput, next: PersonInput): Partial<PersonInput> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key as keyof PersonInput])) patch[key] = value;
  }
  return patch as Partial<PersonInput>;
}

/** Creates a person, or edits `person`. Server errors show under the field they name. */
export function PersonForm({ person }: { person?: PersonDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonFormValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const initial = person ? valuesOf(person) : undefined;
  const save = useMutation({
    mutationFn: (values: PersonFormValues) => {
      const input = inputOf(values);
      return person
        ? api.patch<PersonDetail>(`/persons/${person.id}`, changes(inputOf(initial!), input))
        : api.post<PersonDetail>('/persons', input);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['/persons'] });
      await queryClient.invalidateQueries({ queryKey: ['person', saved.id] });
      message.success(t('persons.saved'));
      navigate(`/persons/${saved.id}`);
    },
    onError: (error) => setFormError(showOnFields(form, error, FIELDS)),
  });

  return (
    <Form<PersonFormValues>
      form={form}
      layout="vertical"
      initialValues={initial ?? { flags: [] }}
      onFinish={(values) => {
        setFormError(undefined);
        save.mutate(values);
      }}
      scrollToFirstError
      style={{ maxWidth: 880 }}
    >
      <FormErrorAlert message={formError} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="fullName"
            label={t('persons.fullName')}
            rules={[{ required: true, whitespace: true, message: t('persons.fullNameRequired') }]}
          >
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="birthDate"
            label={t('persons.birthDate')}
            rules={[{ required: true, message: t('persons.birthDateRequired') }]}
          >
            <DatePicker
              format="DD/MM/YYYY"
              placeholder={t('common.datePlaceholder')}
              disabledDate={(date) => date.isAfter(dayjs(), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="sex"
            label={t('persons.sex')}
            rules={[{ required: true, message: t('persons.sexRequired') }]}
          >
            <Radio.Group options={SEXES.map((sex) => ({ value: sex, label: t(`sex.${sex}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="idType" label={t('persons.idType')}>
            <Select<IdType>
              allowClear
              placeholder={t('persons.idTypeAuto')}
              options={ID_TYPES.map((idType) => ({ value: idType, label: t(`idType.${idType}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item name="idNumber" label={t('persons.idNumber')}>
            <Input inputMode="numeric" autoComplete="off" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item name="phone" label={t('persons.phone')}>
            <Input type="tel" inputMode="tel" autoComplete="off" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="unitCode"
            label={t('persons.residence')}
            rules={[{ required: true, message: t('persons.residenceRequired') }]}
          >
            <UnitSelect
              level="commune"
              placeholder={t('persons.residencePlaceholder')}
              known={person && { code: person.unitCode, name: person.unitName }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="address" label={t('persons.address')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="flags" label={t('persons.flags')}>
            <Checkbox.Group options={FLAG_IDS.map((flag) => ({ value: flag, label: t(`flags.${flag}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <FormActions
        submitTestId="person-submit"
        submitLabel={t('common.save')}
        loading={save.isPending}
        cancelTo={person ? `/persons/${person.id}` : '/persons'}
      />
    </Form>
  );
}

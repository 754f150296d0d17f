import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  checkFullName,
  checkIdNumber,
  checkPhone,
  ID_TYPES,
  type IdType,
  inferIdType,
  normalizeIdNumber,
  PERSON_FLAGS,
  type PersonFlag,
  type PersonInput,
  SEXES,
  type Sex,
} from '@tuyendau/domain';
import { App, Checkbox, Col, DatePicker, Form, type FormInstance, Input, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAccount } from '../app/account.ts';
import { api } from '../app/api.ts';
import { FormActions, FormErrorAlert, useSubmitOnce } from '../app/form-actions.tsx';
import { showOnFields } from '../app/form-errors.ts';
import { UnitSelect } from '../units/unit-select.tsx';
import {
  DuplicatePrompt,
  duplicateCandidates,
  ExistingPersonLink,
  existingPersonId,
} from './duplicate-prompt.tsx';
import { HouseholdField } from './household-field.tsx';
import type { PersonCandidate, PersonDetail } from './types.ts';

interface PersonFormValues {
  fullName: string;
  birthDate: Dayjs;
  sex: Sex;
  idType?: IdType | null;
  idNumber?: string;
  phone?: string;
  unitCode: string;
  address?: string;
  householdId?: string | null;
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
  'householdId',
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
    householdId: values.householdId ?? null,
    flags: values.flags ?? [],
  };
}

/**
 * The checks of the domain that need no server, run in the form: every problem of the name, the
 * identity number (against the sex and birth year typed) and the phone shows on the first submit.
 */
function domainRule(form: FormInstance<PersonFormValues>, field: 'fullName' | 'idNumber' | 'phone'): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      const typed = value?.trim();
      if (!typed) return;
      let problems: { message: string }[] = [];
      if (field === 'fullName') problems = checkFullName(typed);
      if (field === 'phone') problems = checkPhone(typed);
      if (field === 'idNumber') {
        const idNumber = normalizeIdNumber(typed);
        const idType = form.getFieldValue('idType') ?? inferIdType(idNumber);
        const birthDate = form.getFieldValue('birthDate') as Dayjs | undefined;
        // Without a recognisable type the server names the problem; the form cannot guess it.
        if (idType) {
          problems = checkIdNumber({
            idType,
            idNumber,
            birthDate: birthDate?.format('YYYY-MM-DD'),
            sex: form.getFieldValue('sex'),
          });
        }
      }
      if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
    },
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
    householdId: person.householdId ?? null,
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

/**
 * Creates a person, or edits `person`. Every error the form can see shows on the first submit;
 * server errors show under the field they name. A new person who may already be registered is a
 * question: pick the registered one (their page opens) or confirm a new person.
 */
export function PersonForm({ person }: { person?: PersonDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useAccount();
  const [form] = Form.useForm<PersonFormValues>();
  const [formError, setFormError] = useState<string>();
  const [candidates, setCandidates] = useState<PersonCandidate[]>();
  const [existingId, setExistingId] = useState<string>();
  const sent = useRef<PersonFormValues>(undefined);
  const promptRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const initial = person ? valuesOf(person) : undefined;
  // A commune account has one commune: a new person lives there unless said otherwise.
  const commune = me.unit?.level === 'commune' ? me.unit : undefined;
  const unitCode = Form.useWatch('unitCode', form);
  const save = useMutation({
    mutationFn: ({ values, confirmNew }: { values: PersonFormValues; confirmNew?: boolean }) => {
      const input = inputOf(values);
      return person
        ? api.patch<PersonDetail>(`/persons/${person.id}`, changes(inputOf(initial!), input))
        : api.post<PersonDetail>('/persons', confirmNew ? { ...input, confirmNew } : input);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['/persons'] });
      await queryClient.invalidateQueries({ queryKey: ['person', saved.id] });
      message.success(t('persons.saved'));
      navigate(`/persons/${saved.id}`);
    },
    onError: (error) => {
      const found = duplicateCandidates(error);
      if (found) {
        setCandidates(found);
        // On a phone the prompt sits above the buttons: bring it into view.
        setTimeout(() => promptRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }));
        return;
      }
      setExistingId(existingPersonId(error));
      setFormError(showOnFields(form, error, FIELDS));
    },
  });
  const submit = useSubmitOnce(save);

  return (
    <Form<PersonFormValues>
      form={form}
      layout="vertical"
      initialValues={initial ?? { flags: [], unitCode: commune?.code }}
      onValuesChange={(changed) => {
        if ('unitCode' in changed) form.setFieldValue('householdId', null);
        if ('idNumber' in changed) setExistingId(undefined);
        setCandidates(undefined);
      }}
      onFinish={(values) => {
        setFormError(undefined);
        setCandidates(undefined);
        sent.current = values;
        submit({ values });
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
            rules={[
              { required: true, whitespace: true, message: t('persons.fullNameRequired') },
              domainRule(form, 'fullName'),
            ]}
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
          <Form.Item
            name="idNumber"
            label={t('persons.idNumber')}
            dependencies={['idType', 'birthDate', 'sex']}
            rules={[domainRule(form, 'idNumber')]}
            extra={existingId && <ExistingPersonLink id={existingId} />}
          >
            <Input inputMode="numeric" autoComplete="off" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item name="phone" label={t('persons.phone')} rules={[domainRule(form, 'phone')]}>
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
              known={
                person
                  ? { code: person.unitCode, name: person.unitName }
                  : commune && { code: commune.code, name: commune.name }
              }
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="address" label={t('persons.address')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="householdId" label={t('persons.household')}>
            <HouseholdField
              unitCode={unitCode}
              known={
                person?.household
                  ? {
                      id: person.household.id,
                      address: person.household.address ?? null,
                      members: person.household.members,
                    }
                  : undefined
              }
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="flags" label={t('persons.flags')}>
            <Checkbox.Group options={FLAG_IDS.map((flag) => ({ value: flag, label: t(`flags.${flag}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      {candidates && (
        <div ref={promptRef}>
          <DuplicatePrompt
            candidates={candidates}
            saving={save.isPending}
            onPick={(c) => {
              message.info(t('duplicates.picked', { name: c.fullName }));
              navigate(`/persons/${c.id}`);
            }}
            onConfirmNew={() => sent.current && submit({ values: sent.current, confirmNew: true })}
          />
        </div>
      )}
      <FormActions
        submitTestId="person-submit"
        submitLabel={t('common.save')}
        loading={save.isPending}
        cancelTo={person ? `/persons/${person.id}` : '/persons'}
      />
    </Form>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonInput, Sex } from '@tuyendau/domain';
import { App, Button, Card, Col, DatePicker, Flex, Form, Row, Select, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { FormActions, FormErrorAlert } from '../../app/form-actions.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { caseKey, useCase } from '../cases/use-case.ts';
import { afterToday, DATE_FORMAT, isoDate } from '../shared/dates.ts';
import { keepEnterInInputs } from '../shared/forms.ts';
import {
  CONTACT_SETTING_LABELS,
  CONTACT_SETTINGS,
  type ContactSetting,
  optionsOf,
  VACCINATION_STATUS,
  VACCINATION_STATUS_LABELS,
  type VaccinationStatus,
} from '../shared/labels.ts';
import { LoadError } from '../shared/load-error.tsx';
import { type FieldPath, showOnNestedFields } from '../shared/nested-errors.ts';
import type { CaseDetail, Contact } from '../shared/types.ts';
import { ContactRow, type RowMode } from './contact-row.tsx';

interface RowValues {
  mode: RowMode;
  personId?: string;
  fullName?: string;
  birthDate?: Dayjs;
  sex?: Sex;
  idNumber?: string;
  phone?: string;
  unitCode?: string;
  address?: string;
  doses?: number | null;
  lastDoseOn?: Dayjs | null;
}

interface BatchValues {
  exposureDate: Dayjs;
  setting: ContactSetting;
  vaccination: VaccinationStatus;
  people: RowValues[];
}

type Doses = { doses?: number; lastDoseOn?: string };
type BatchEntry = ({ personId: string } | { person: PersonInput }) & Doses;

const ROW_FIELDS = [
  'personId',
  'fullName',
  'birthDate',
  'sex',
  'idNumber',
  'phone',
  'unitCode',
  'address',
  'doses',
  'lastDoseOn',
];
const SHARED_FIELDS = ['exposureDate', 'setting', 'vaccination'];
const MAX_ROWS = 50;

function text(value: string | undefined): string | null {
  return value?.trim() || null;
}

/** The doses of a row, when the user entered them (else the declared status decides). */
function dosesOf(row: RowValues): Doses {
  if (row.doses === undefined || row.doses === null) return {};
  return { doses: row.doses, ...(row.lastDoseOn ? { lastDoseOn: isoDate(row.lastDoseOn) } : {}) };
}

function entryOf(row: RowValues): BatchEntry {
  if (row.mode === 'existing') return { personId: row.personId!, ...dosesOf(row) };
  return {
    ...dosesOf(row),
    person: {
      fullName: row.fullName!.trim(),
      birthDate: isoDate(row.birthDate!),
      sex: row.sex!,
      idNumber: text(row.idNumber),
      phone: text(row.phone),
      unitCode: row.unitCode!,
      address: text(row.address),
    },
  };
}

/** people.2.person.idNumber → the row's idNumber field; people.2.exposureDate → the shared field. */
function placeOf(rows: RowValues[]) {
  return (path: FieldPath): FieldPath | undefined => {
    const [head, index, ...rest] = path;
    if (typeof head === 'string' && SHARED_FIELDS.includes(head)) return [head];
    if (head !== 'people' || typeof index !== 'number' || !rows[index]) return undefined;
    const named = String(rest.at(-1) ?? '');
    const leaf = named === 'idType' ? 'idNumber' : named;
    if (SHARED_FIELDS.includes(leaf) && rest.length === 1) return [leaf];
    // A problem with the person as a whole (already listed, is the case itself) shows on the row's first field.
    const field = ROW_FIELDS.includes(leaf)
      ? leaf
      : rows[index].mode === 'existing'
        ? 'personId'
        : 'fullName';
    if (rows[index].mode === 'new' && field === 'personId') return ['people', index, 'fullName'];
    return ['people', index, field];
  };
}

function AddContactsForm({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BatchValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const blankRow: RowValues = { mode: 'existing', unitCode: kase.unitCode };
  const add = useMutation({
    mutationFn: (values: BatchValues) =>
      api.post<{ items: Contact[] }>(`/cases/${kase.id}/contacts/batch`, {
        exposureDate: isoDate(values.exposureDate),
        setting: values.setting,
        vaccination: values.vaccination,
        people: values.people.map(entryOf),
      }),
    onSuccess: async ({ items }) => {
      await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
      message.success(t('contacts.added', { count: items.length }));
      navigate(`/cases/${kase.id}`);
    },
    onError: (error) =>
      setFormError(showOnNestedFields(form, error, placeOf(form.getFieldValue('people') ?? []))),
  });

  return (
    <Form<BatchValues>
      data-testid="add-contacts-form"
      onKeyDown={keepEnterInInputs}
      form={form}
      layout="vertical"
      initialValues={{ setting: 'household', vaccination: 'unknown', people: [blankRow] }}
      onFinish={(values) => {
        // Enter in a field and a click can both submit: one request only.
        if (add.isPending) return;
        setFormError(undefined);
        add.mutate(values);
      }}
      scrollToFirstError
      style={{ maxWidth: 960 }}
    >
      <FormErrorAlert message={formError} />
      <Card size="small" title={t('contacts.exposure')} style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="exposureDate"
              label={t('contacts.exposureDate')}
              rules={[{ required: true, message: t('contacts.exposureDateRequired') }]}
            >
              <DatePicker
                data-testid="contacts-exposure-date"
                format={DATE_FORMAT}
                placeholder={t('common.datePlaceholder')}
                disabledDate={afterToday}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="setting" label={t('contacts.setting')} rules={[{ required: true }]}>
              <Select
                data-testid="contacts-setting"
                options={optionsOf(CONTACT_SETTINGS, CONTACT_SETTING_LABELS)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="vaccination"
              label={t('contacts.vaccinationFallback')}
              tooltip={t('contacts.vaccinationFallbackHint')}
              rules={[{ required: true }]}
            >
              <Select
                data-testid="contacts-vaccination"
                options={optionsOf(VACCINATION_STATUS, VACCINATION_STATUS_LABELS)}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Form.List name="people">
        {(fields, { add: addRow, remove }) => (
          <Flex vertical gap={12}>
            {fields.map((field, index) => (
              <ContactRow
                key={field.key}
                name={field.name}
                index={index}
                commune={{ code: kase.unitCode, name: kase.unitName }}
                onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
              />
            ))}
            {fields.length < MAX_ROWS && (
              <Button
                data-testid="add-contact-row"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => addRow(blankRow)}
              >
                {t('contacts.addRow')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
      <FormActions
        submitTestId="add-contacts-submit"
        submitLabel={t('contacts.submit')}
        loading={add.isPending}
        cancelTo={`/cases/${kase.id}`}
        style={{ marginTop: 16 }}
      />
    </Form>
  );
}

/** /cases/:id/contacts/new: a household or group of contacts of a case in one form. */
export function AddContactsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const kase = useCase(id);
  if (kase.isPending) return <Skeleton active />;
  if (kase.isError)
    return <LoadError error={kase.error} notFound={t('cases.notFound')} testId="case-not-found" />;
  return (
    <>
      <PageHeader title={t('contacts.addTitle', { name: kase.data.personName })} />
      <AddContactsForm kase={kase.data} />
    </>
  );
}

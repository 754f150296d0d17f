import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonInput, Sex } from '@tuyendau/domain';
import { App, Button, Card, Col, DatePicker, Flex, Form, Row, Select, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { FormActions, FormErrorAlert } from '../../app/form-actions.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { useBatchDuplicates } from '../../persons/batch-duplicates.tsx';
import type { HouseholdMember } from '../../persons/types.ts';
import { usePerson } from '../../persons/use-person.ts';
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
import {
  ContactRow,
  DETAIL_FIELDS,
  DOSE_FIELDS,
  DoseFields,
  ROW_DETAILS,
  type RowMode,
} from './contact-row.tsx';
import { HouseholdTicks } from './household-ticks.tsx';

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
  /** "Thêm thông tin" open. */
  details?: boolean;
  /** Its own doses instead of the ones set for all. */
  ownDoses?: boolean;
  doses?: number | null;
  lastDoseOn?: Dayjs | null;
}

interface BatchValues {
  exposureDate: Dayjs;
  setting: ContactSetting;
  vaccination: VaccinationStatus;
  /** The doses of everybody whose row does not say its own. */
  doses?: number | null;
  lastDoseOn?: Dayjs | null;
  people: RowValues[];
}

type Doses = { doses?: number; lastDoseOn?: string };
type BatchEntry = ({ personId: string } | { person: PersonInput }) & Doses;

/** The case's household: who lives with the case, and where (a new person there joins it). */
interface CaseHousehold {
  id: string;
  unitCode: string;
  address: string | null;
  members: HouseholdMember[];
}

const ROW_FIELDS = ['personId', 'fullName', 'birthDate', 'sex', ...DETAIL_FIELDS, ...DOSE_FIELDS];
const SHARED_FIELDS = ['exposureDate', 'setting', 'vaccination'];
const MAX_ROWS = 50;

function text(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

/** The doses entered (for the row, or for all); none: the declared status decides. */
function dosesOf(source: Pick<RowValues, 'doses' | 'lastDoseOn'>): Doses {
  if (source.doses === undefined || source.doses === null) return {};
  return { doses: source.doses, ...(source.lastDoseOn ? { lastDoseOn: isoDate(source.lastDoseOn) } : {}) };
}

function entryOf(row: RowValues, values: BatchValues, household: CaseHousehold | undefined): BatchEntry {
  const doses = dosesOf(row.ownDoses ? row : values);
  if (row.mode !== 'new') return { personId: row.personId!, ...doses };
  // A new person exposed at home, living at the household's address, joins the household.
  const joins =
    values.setting === 'household' &&
    household !== undefined &&
    row.unitCode === household.unitCode &&
    text(row.address) === text(household.address);
  return {
    ...doses,
    person: {
      fullName: row.fullName!.trim(),
      birthDate: isoDate(row.birthDate!),
      sex: row.sex!,
      idNumber: text(row.idNumber),
      phone: text(row.phone),
      unitCode: row.unitCode!,
      address: text(row.address),
      ...(joins ? { householdId: household.id } : {}),
    },
  };
}

/**
 * people.2.person.idNumber → the row's idNumber field; people.2.exposureDate → the shared field;
 * people.2.doses → the row's doses when it has its own, else the ones set for all. Rows whose
 * error sits behind "Thêm thông tin" are added to `toOpen`.
 */
function placeOf(rows: RowValues[], toOpen: Set<number>) {
  return (path: FieldPath): FieldPath | undefined => {
    const [head, index, ...rest] = path;
    if (typeof head === 'string' && SHARED_FIELDS.includes(head)) return [head];
    if (head !== 'people' || typeof index !== 'number' || !rows[index]) return undefined;
    const row = rows[index];
    const named = String(rest.at(-1) ?? '');
    const leaf = named === 'idType' ? 'idNumber' : named;
    if (SHARED_FIELDS.includes(leaf) && rest.length === 1) return [leaf];
    if (DOSE_FIELDS.includes(leaf) && !row.ownDoses) return [leaf];
    // A problem with the person as a whole (already listed, is the case itself) shows on the row's first field.
    const field = ROW_FIELDS.includes(leaf) ? leaf : row.mode === 'new' ? 'fullName' : 'personId';
    if (row.mode === 'new' && field === 'personId') return ['people', index, 'fullName'];
    if (row.mode === 'new' && DETAIL_FIELDS.includes(field)) toOpen.add(index);
    return ['people', index, field];
  };
}

function AddContactsForm({ kase, household }: { kase: CaseDetail; household?: CaseHousehold }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BatchValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // New people most often live with the case: their commune and address are the household's.
  const blankRow: RowValues = {
    mode: 'existing',
    unitCode: household?.unitCode ?? kase.unitCode,
    address: household?.address ?? undefined,
  };
  const listed = new Set([kase.personId, ...kase.contacts.map((contact) => contact.personId)]);
  const members = household?.members.filter((member) => !listed.has(member.id)) ?? [];
  const duplicates = useBatchDuplicates();
  const add = useMutation({
    mutationFn: (values: BatchValues) =>
      api.post<{ items: Contact[] }>(`/cases/${kase.id}/contacts/batch`, {
        exposureDate: isoDate(values.exposureDate),
        setting: values.setting,
        vaccination: values.vaccination,
        people: values.people.map((row, i) => duplicates.mark(i, entryOf(row, values, household))),
      }),
    onSuccess: async ({ items }) => {
      await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
      message.success(t('contacts.added', { count: items.length }));
      navigate(`/cases/${kase.id}`);
    },
    onError: (error) => {
      if (duplicates.caught(error)) return;
      const toOpen = new Set<number>();
      const rows: RowValues[] = form.getFieldValue('people') ?? [];
      setFormError(showOnNestedFields(form, error, placeOf(rows, toOpen)));
      for (const index of toOpen) form.setFieldValue(['people', index, ROW_DETAILS], true);
    },
  });

  return (
    <Form<BatchValues>
      data-testid="add-contacts-form"
      onKeyDown={keepEnterInInputs}
      form={form}
      layout="vertical"
      initialValues={{
        setting: 'household',
        vaccination: 'unknown',
        // With the household to tick, other people are added only when asked for.
        people: members.length > 0 ? [] : [blankRow],
      }}
      onFinish={(values) => {
        // Enter in a field and a click can both submit: one request only.
        if (add.isPending) return;
        if ((values.people ?? []).length === 0) {
          setFormError(t('contacts.nobody'));
          return;
        }
        setFormError(undefined);
        add.mutate(values);
      }}
      scrollToFirstError
      style={{ maxWidth: 960 }}
    >
      <FormErrorAlert message={formError} />
      <Card
        size="small"
        title={t('contacts.exposure')}
        extra={<Typography.Text type="secondary">{t('contacts.forAll')}</Typography.Text>}
        style={{ marginBottom: 12 }}
      >
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item
              name="exposureDate"
              label={t('contacts.exposureDate')}
              rules={[{ required: true, message: t('contacts.exposureDateRequired') }]}
              style={{ marginBottom: 12 }}
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
          <Col xs={12} md={8}>
            <Form.Item
              name="setting"
              label={t('contacts.setting')}
              rules={[{ required: true }]}
              style={{ marginBottom: 12 }}
            >
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
              style={{ marginBottom: 12 }}
            >
              <Select
                data-testid="contacts-vaccination"
                options={optionsOf(VACCINATION_STATUS, VACCINATION_STATUS_LABELS)}
              />
            </Form.Item>
          </Col>
        </Row>
        <DoseFields path={[]} testId="contacts" />
      </Card>
      <Form.List name="people">
        {(fields, { add: addRow, remove }) => {
          const modeOf = (name: number): RowMode => form.getFieldValue(['people', name, 'mode']);
          const others = fields.filter((field) => modeOf(field.name) !== 'member');
          const rowOf = (memberId: string) =>
            fields.find(
              (field) =>
                modeOf(field.name) === 'member' &&
                form.getFieldValue(['people', field.name, 'personId']) === memberId,
            )?.name;
          return (
            <>
              {members.length > 0 && (
                <HouseholdTicks
                  members={members}
                  rowOf={rowOf}
                  onTick={(member) => addRow({ mode: 'member', personId: member.id })}
                  onUntick={remove}
                />
              )}
              <Flex vertical gap={12}>
                {others.map((field, i) => (
                  <ContactRow
                    key={field.key}
                    name={field.name}
                    n={i + 1}
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
                    {members.length > 0 ? t('contacts.addOther') : t('contacts.addRow')}
                  </Button>
                )}
              </Flex>
            </>
          );
        }}
      </Form.List>
      {duplicates.prompt({
        saving: add.isPending,
        onPick: (i, person) => form.setFieldValue(['people', i], { mode: 'existing', personId: person.id }),
        onConfirm: () => form.submit(),
      })}
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
  // The case's person, for the household they live in (an error only means no household to offer).
  const person = usePerson(kase.data?.personId);
  if (kase.isPending || (person.isPending && person.fetchStatus !== 'idle')) return <Skeleton active />;
  if (kase.isError)
    return <LoadError error={kase.error} notFound={t('cases.notFound')} testId="case-not-found" />;
  const home = person.data?.household;
  const household = home
    ? { id: home.id, unitCode: person.data!.unitCode, address: home.address ?? null, members: home.members }
    : undefined;
  return (
    <>
      <PageHeader title={t('contacts.addTitle', { name: kase.data.personName })} />
      <AddContactsForm kase={kase.data} household={household} />
    </>
  );
}

import { DeleteOutlined, DownOutlined, UpOutlined } from '@ant-design/icons';
import { SEXES } from '@tuyendau/domain';
import { Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UnitSelect } from '../../units/unit-select.tsx';
import { afterToday, DATE_FORMAT } from '../shared/dates.ts';
import { MAX_DOSES } from '../shared/labels.ts';
import { PersonPicker } from '../shared/person-picker.tsx';

/** A row names a person found in the registry, types in a new one, or is a ticked household member. */
export type RowMode = 'existing' | 'new' | 'member';

/** Form fields a row keeps to say which of its parts are open (they stay mounted when closed). */
export const ROW_DETAILS = 'details';
export const ROW_OWN_DOSES = 'ownDoses';
/** The fields of a new person that sit behind "Thêm thông tin" (opened when one of them has an error). */
export const DETAIL_FIELDS = ['idNumber', 'phone', 'unitCode', 'address'];
export const DOSE_FIELDS = ['doses', 'lastDoseOn'];

interface ContactRowProps {
  /** The Form.List field name (its index in `people`). */
  name: number;
  /** Its number among the rows on screen, from 1. */
  n: number;
  commune: { code: string; name: string };
  onRemove?: () => void;
}

/**
 * The doses received before the exposure: they decide the shorter quarantine of CV 10696 and CV 762
 * (number, and the date of the last one). Left empty, the declared status decides. `path` is where
 * they sit: [] for the ones common to all, [name] inside a row of `people`.
 */
export function DoseFields({ path, testId }: { path: (string | number)[]; testId: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const absolute = path.length === 0 ? [] : ['people', ...path];
  const doses: number | undefined = Form.useWatch([...absolute, 'doses'], form);
  const exposure: Dayjs | undefined = Form.useWatch('exposureDate', form);
  return (
    <Row gutter={12}>
      <Col xs={12} md={8}>
        <Form.Item name={[...path, 'doses']} label={t('contacts.doses')} style={{ marginBottom: 0 }}>
          <Select<number>
            data-testid={`${testId}-doses`}
            allowClear
            placeholder={t('contacts.dosesUnknown')}
            options={Array.from({ length: MAX_DOSES + 1 }, (_, n) => ({
              value: n,
              label: t('contacts.dosesCount', { count: n }),
            }))}
            onChange={(value) => {
              if (!value) form.setFieldValue([...absolute, 'lastDoseOn'], undefined);
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name={[...path, 'lastDoseOn']}
          label={t('contacts.lastDoseOn')}
          style={{ marginBottom: 0 }}
        >
          <DatePicker
            data-testid={`${testId}-last-dose`}
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            disabled={!doses}
            disabledDate={(date) =>
              afterToday(date) || (exposure !== undefined && date.isAfter(exposure, 'day'))
            }
            inputReadOnly={false}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The link itself, a form control of a boolean value. */
function ToggleLink({
  value,
  onChange,
  label,
  testId,
}: {
  value?: boolean;
  onChange?: (open: boolean) => void;
  label: string;
  testId: string;
}) {
  const open = value ?? false;
  return (
    <Button
      data-testid={testId}
      type="link"
      size="small"
      aria-expanded={open}
      icon={open ? <UpOutlined /> : <DownOutlined />}
      iconPlacement="end"
      onClick={() => onChange?.(!open)}
      style={{ paddingInline: 0 }}
    >
      {label}
    </Button>
  );
}

/**
 * A link that opens or closes a part of a row kept in the row's boolean field `field`. The field is
 * a Form.Item of its own: a form watches, and submits, only the fields that have one.
 */
export function RowToggle({
  name,
  field,
  label,
  testId,
}: {
  name: number;
  field: string;
  label: string;
  testId: string;
}) {
  return (
    <Form.Item name={[name, field]} noStyle>
      <ToggleLink label={label} testId={testId} />
    </Form.Item>
  );
}

/** The doses of one person when they differ from the ones set for all: closed until asked for. */
export function OwnDoses({ name, index }: { name: number; index: number }) {
  const form = Form.useFormInstance();
  const open: boolean = Form.useWatch(['people', name, ROW_OWN_DOSES], form) ?? false;
  return (
    <div style={{ display: open ? 'block' : 'none', marginTop: 8 }}>
      <DoseFields path={[name]} testId={`contact-row-${index}`} />
    </div>
  );
}

/** A new person: name, birth date and sex at once; identity, phone and address behind a toggle. */
function NewPersonFields({
  name,
  index,
  commune,
}: {
  name: number;
  index: number;
  commune: ContactRowProps['commune'];
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const details: boolean = Form.useWatch(['people', name, ROW_DETAILS], form) ?? false;
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name={[name, 'fullName']}
            label={t('persons.fullName')}
            rules={[{ required: true, whitespace: true, message: t('persons.fullNameRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <Input data-testid={`contact-row-name-${index}`} autoComplete="off" maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={13} md={6}>
          <Form.Item
            name={[name, 'birthDate']}
            label={t('persons.birthDate')}
            rules={[{ required: true, message: t('persons.birthDateRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <DatePicker
              data-testid={`contact-row-birth-${index}`}
              format={DATE_FORMAT}
              placeholder={t('common.datePlaceholder')}
              disabledDate={afterToday}
              inputReadOnly={false}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={11} md={6}>
          <Form.Item
            name={[name, 'sex']}
            label={t('persons.sex')}
            rules={[{ required: true, message: t('persons.sexRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <Radio.Group
              data-testid={`contact-row-sex-${index}`}
              options={SEXES.map((sex) => ({ value: sex, label: t(`sex.${sex}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12} style={{ display: details ? undefined : 'none' }}>
        <Col xs={24} md={12}>
          <Form.Item
            name={[name, 'idNumber']}
            label={t('contacts.idNumberOptional')}
            style={{ marginBottom: 8 }}
          >
            <Input
              data-testid={`contact-row-id-${index}`}
              inputMode="numeric"
              autoComplete="off"
              maxLength={20}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[name, 'phone']} label={t('persons.phone')} style={{ marginBottom: 8 }}>
            <Input
              data-testid={`contact-row-phone-${index}`}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              maxLength={20}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[name, 'unitCode']}
            label={t('persons.residence')}
            rules={[{ required: true, message: t('persons.residenceRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <UnitSelect level="commune" known={commune} placeholder={t('persons.residencePlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[name, 'address']} label={t('persons.address')} style={{ marginBottom: 8 }}>
            <Input data-testid={`contact-row-address-${index}`} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** One person of a household or group: found in the registry, or typed in when not there yet. */
export function ContactRow({ name, n, commune, onRemove }: ContactRowProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const mode: RowMode = Form.useWatch(['people', name, 'mode'], form) ?? 'existing';
  const index = name;
  return (
    <Card
      data-testid={`contact-row-${index}`}
      size="small"
      title={
        <Flex align="center" gap={8}>
          <span>{n}.</span>
          <Form.Item name={[name, 'mode']} noStyle>
            <Segmented<RowMode>
              data-testid={`contact-row-mode-${index}`}
              size="small"
              options={[
                { value: 'existing', label: t('contacts.modeExisting') },
                { value: 'new', label: t('contacts.modeNew') },
              ]}
            />
          </Form.Item>
        </Flex>
      }
      extra={
        onRemove && (
          <Button
            data-testid={`contact-row-remove-${index}`}
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('contacts.removeRow')}
            onClick={onRemove}
          />
        )
      }
    >
      {mode === 'new' ? (
        <NewPersonFields name={name} index={index} commune={commune} />
      ) : (
        <Form.Item
          name={[name, 'personId']}
          label={t('contacts.person')}
          rules={[{ required: true, message: t('contacts.personRequired') }]}
          style={{ marginBottom: 8 }}
        >
          <PersonPicker data-testid={`contact-row-person-${index}`} />
        </Form.Item>
      )}
      <Flex wrap gap={16}>
        {mode === 'new' && (
          <RowToggle
            name={name}
            field={ROW_DETAILS}
            label={t('contacts.moreDetails')}
            testId={`contact-row-details-${index}`}
          />
        )}
        <RowToggle
          name={name}
          field={ROW_OWN_DOSES}
          label={t('contacts.ownDoses')}
          testId={`contact-row-own-doses-${index}`}
        />
      </Flex>
      <OwnDoses name={name} index={index} />
    </Card>
  );
}

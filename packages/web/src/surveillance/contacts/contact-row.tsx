import { DeleteOutlined } from '@ant-design/icons';
import { SEXES } from '@tuyendau/domain';
import { Button, Card, Col, DatePicker, Form, Input, Radio, Row, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UnitSelect } from '../../units/unit-select.tsx';
import { afterToday, DATE_FORMAT } from '../shared/dates.ts';
import { MAX_DOSES } from '../shared/labels.ts';
import { PersonPicker } from '../shared/person-picker.tsx';

export type RowMode = 'existing' | 'new';

interface ContactRowProps {
  /** The Form.List field index. */
  name: number;
  index: number;
  commune: { code: string; name: string };
  onRemove?: () => void;
}

/**
 * The doses the person received before the exposure: they decide the shorter quarantine of CV 10696
 * and CV 762 (number, and the date of the last one). Left empty, the declared status decides.
 */
function DoseFields({ name, index }: { name: number; index: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const doses: number | undefined = Form.useWatch(['people', name, 'doses'], form);
  const exposure: Dayjs | undefined = Form.useWatch('exposureDate', form);
  return (
    <Row gutter={12} style={{ marginTop: 12 }}>
      <Col xs={10} md={8}>
        <Form.Item name={[name, 'doses']} label={t('contacts.doses')} style={{ marginBottom: 0 }}>
          <Select<number>
            data-testid={`contact-row-doses-${index}`}
            allowClear
            placeholder={t('contacts.dosesUnknown')}
            options={Array.from({ length: MAX_DOSES + 1 }, (_, n) => ({
              value: n,
              label: t('contacts.dosesCount', { count: n }),
            }))}
            onChange={(value) => {
              if (!value) form.setFieldValue(['people', name, 'lastDoseOn'], undefined);
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={14} md={8}>
        <Form.Item name={[name, 'lastDoseOn']} label={t('contacts.lastDoseOn')} style={{ marginBottom: 0 }}>
          <DatePicker
            data-testid={`contact-row-last-dose-${index}`}
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

/** One person of a household or group: found in the registry, or typed in when not there yet. */
export function ContactRow({ name, index, commune, onRemove }: ContactRowProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const mode: RowMode = Form.useWatch(['people', name, 'mode'], form) ?? 'existing';
  return (
    <Card
      data-testid={`contact-row-${index}`}
      size="small"
      title={t('contacts.rowTitle', { n: index + 1 })}
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
      <Form.Item name={[name, 'mode']} style={{ marginBottom: 12 }}>
        <Segmented<RowMode>
          data-testid={`contact-row-mode-${index}`}
          block
          options={[
            { value: 'existing', label: t('contacts.modeExisting') },
            { value: 'new', label: t('contacts.modeNew') },
          ]}
        />
      </Form.Item>
      {mode === 'existing' ? (
        <Form.Item
          name={[name, 'personId']}
          label={t('contacts.person')}
          rules={[{ required: true, message: t('contacts.personRequired') }]}
          style={{ marginBottom: 0 }}
        >
          <PersonPicker data-testid={`contact-row-person-${index}`} />
        </Form.Item>
      ) : (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name={[name, 'fullName']}
              label={t('persons.fullName')}
              rules={[{ required: true, whitespace: true, message: t('persons.fullNameRequired') }]}
            >
              <Input data-testid={`contact-row-name-${index}`} autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={14} md={6}>
            <Form.Item
              name={[name, 'birthDate']}
              label={t('persons.birthDate')}
              rules={[{ required: true, message: t('persons.birthDateRequired') }]}
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
          <Col xs={10} md={6}>
            <Form.Item
              name={[name, 'sex']}
              label={t('persons.sex')}
              rules={[{ required: true, message: t('persons.sexRequired') }]}
            >
              <Radio.Group
                data-testid={`contact-row-sex-${index}`}
                options={SEXES.map((sex) => ({ value: sex, label: t(`sex.${sex}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={[name, 'idNumber']} label={t('contacts.idNumberOptional')}>
              <Input
                data-testid={`contact-row-id-${index}`}
                inputMode="numeric"
                autoComplete="off"
                maxLength={20}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={[name, 'phone']} label={t('persons.phone')}>
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
            >
              <UnitSelect level="commune" known={commune} placeholder={t('persons.residencePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={[name, 'address']} label={t('persons.address')} style={{ marginBottom: 0 }}>
              <Input data-testid={`contact-row-address-${index}`} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <DoseFields name={name} index={index} />
    </Card>
  );
}

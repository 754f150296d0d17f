import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Row, Select, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api } from '../../app/api.ts';
import { FormActions, FormErrorAlert } from '../../app/form-actions.tsx';
import { showOnFields } from '../../app/form-errors.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { useCarePlaces } from '../shared/care-places.ts';
import { ClusterSelect } from '../shared/cluster-select.tsx';
import { afterToday, DATE_FORMAT, isoDate } from '../shared/dates.ts';
import { keepEnterInInputs } from '../shared/forms.ts';
import {
  type CarePlace,
  FOUND_BY,
  FOUND_BY_LABELS,
  type FoundBy,
  optionsOf,
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
} from '../shared/labels.ts';
import { PersonPicker } from '../shared/person-picker.tsx';
import type { Case } from '../shared/types.ts';
import { usePresetPerson } from '../shared/use-preset-person.ts';

interface CaseFormValues {
  personId: string;
  detectedOn: Dayjs;
  foundBy: FoundBy;
  clusterId?: string;
  severity: Severity;
  carePlace: CarePlace;
  note?: string;
}

const FIELDS = ['personId', 'detectedOn', 'foundBy', 'clusterId', 'severity', 'carePlace', 'note'];

/** /cases/new: registers an F0 case of a person of the registry. */
export function CaseNewPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { message } = App.useApp();
  const [form] = Form.useForm<CaseFormValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const preset = usePresetPerson();
  const carePlaces = useCarePlaces();
  const create = useMutation({
    mutationFn: (values: CaseFormValues) =>
      api.post<Case>('/cases', {
        personId: values.personId,
        detectedOn: isoDate(values.detectedOn),
        foundBy: values.foundBy,
        clusterId: values.clusterId ?? null,
        severity: values.severity,
        carePlace: values.carePlace,
        note: values.note?.trim() || null,
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['/cases'] });
      message.success(t('cases.created', { name: created.personName }));
      navigate(`/cases/${created.id}`);
    },
    onError: (error) => setFormError(showOnFields(form, error, FIELDS)),
  });
  if (preset.loading) return <Skeleton active />;

  return (
    <>
      <PageHeader title={t('cases.newTitle')} />
      <Form<CaseFormValues>
        data-testid="case-new"
        onKeyDown={keepEnterInInputs}
        form={form}
        layout="vertical"
        initialValues={{ personId: preset.option?.value, severity: 'asymptomatic', carePlace: 'home' }}
        onFinish={(values) => {
          // Enter in a field and a click can both submit: one request only.
          if (create.isPending) return;
          setFormError(undefined);
          create.mutate(values);
        }}
        scrollToFirstError
        style={{ maxWidth: 880 }}
      >
        <FormErrorAlert message={formError} />
        <Form.Item
          name="personId"
          label={t('cases.person')}
          rules={[{ required: true, message: t('cases.personRequired') }]}
          extra={
            can(me, 'person.write') && (
              <Link to="/persons/new" target="_blank" data-testid="case-new-person">
                {t('cases.personCreate')}
              </Link>
            )
          }
        >
          <PersonPicker data-testid="case-person" known={preset.option} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="detectedOn"
              label={t('cases.detectedOn')}
              rules={[{ required: true, message: t('cases.detectedOnRequired') }]}
            >
              <DatePicker
                data-testid="case-detected-on"
                format={DATE_FORMAT}
                placeholder={t('common.datePlaceholder')}
                disabledDate={afterToday}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="foundBy"
              label={t('cases.foundBy')}
              rules={[{ required: true, message: t('cases.foundByRequired') }]}
            >
              <Select data-testid="case-found-by" options={optionsOf(FOUND_BY, FOUND_BY_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="severity" label={t('cases.initialSeverity')} rules={[{ required: true }]}>
              <Select data-testid="case-severity" options={optionsOf(SEVERITIES, SEVERITY_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="carePlace" label={t('cases.initialCarePlace')} rules={[{ required: true }]}>
              <Select
                data-testid="case-care-place"
                loading={carePlaces.loading}
                options={carePlaces.options}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="clusterId" label={t('cases.clusterOptional')}>
              <ClusterSelect
                data-testid="case-cluster"
                openOnly
                allowClear
                placeholder={t('cases.clusterPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('cases.note')}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
        <FormActions
          submitTestId="case-submit"
          submitLabel={t('cases.register')}
          loading={create.isPending}
          cancelTo="/cases"
        />
      </Form>
    </>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { FormActions, FormErrorAlert } from '../../app/form-actions.tsx';
import { showOnFields } from '../../app/form-errors.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { UnitSelect } from '../../units/unit-select.tsx';
import { afterToday, DATE_FORMAT, isoDate } from '../shared/dates.ts';
import { keepEnterInInputs } from '../shared/forms.ts';
import type { Cluster } from '../shared/types.ts';

interface ClusterFormValues {
  name: string;
  unitCode: string;
  openedOn: Dayjs;
  villages: string[];
  note?: string;
}

const FIELDS = ['name', 'unitCode', 'openedOn', 'villages', 'note'];

/** /clusters/new: opens an outbreak (ổ dịch) in a unit, with the villages it covers. */
export function ClusterNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClusterFormValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (values: ClusterFormValues) =>
      api.post<Cluster>('/clusters', {
        name: values.name.trim(),
        unitCode: values.unitCode,
        openedOn: isoDate(values.openedOn),
        villages: (values.villages ?? []).map((village) => village.trim()).filter(Boolean),
        note: values.note?.trim() || null,
      }),
    onSuccess: async (cluster) => {
      await queryClient.invalidateQueries({ queryKey: ['/clusters'] });
      message.success(t('clusters.created', { name: cluster.name }));
      navigate(`/clusters/${cluster.id}`);
    },
    onError: (error) => setFormError(showOnFields(form, error, FIELDS)),
  });
  return (
    <>
      <PageHeader title={t('clusters.newTitle')} />
      <Form<ClusterFormValues>
        data-testid="cluster-new"
        onKeyDown={keepEnterInInputs}
        form={form}
        layout="vertical"
        initialValues={{ openedOn: dayjs(), villages: [] }}
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
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              name="name"
              label={t('clusters.name')}
              rules={[{ required: true, whitespace: true, message: t('clusters.nameRequired') }]}
            >
              <Input data-testid="cluster-name" maxLength={200} placeholder={t('clusters.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="unitCode"
              label={t('clusters.unit')}
              rules={[{ required: true, message: t('clusters.unitRequired') }]}
            >
              <UnitSelect data-testid="cluster-unit" placeholder={t('clusters.unitPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="openedOn"
              label={t('clusters.openedOn')}
              rules={[{ required: true, message: t('clusters.openedOnRequired') }]}
            >
              <DatePicker
                data-testid="cluster-opened-on"
                format={DATE_FORMAT}
                placeholder={t('common.datePlaceholder')}
                disabledDate={afterToday}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="villages" label={t('clusters.villages')} extra={t('clusters.villagesHint')}>
              <Select data-testid="cluster-villages" mode="tags" open={false} tokenSeparators={[',', ';']} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('clusters.note')}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
        <FormActions
          submitTestId="cluster-submit"
          submitLabel={t('clusters.create')}
          loading={create.isPending}
          cancelTo="/clusters"
        />
      </Form>
    </>
  );
}

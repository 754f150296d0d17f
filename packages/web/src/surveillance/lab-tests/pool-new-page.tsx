import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { FormActions, FormErrorAlert } from '../../app/form-actions.tsx';
import { showOnFields } from '../../app/form-errors.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { DATE_TIME_FORMAT, isoDateTime } from '../shared/dates.ts';
import { keepEnterInInputs } from '../shared/forms.ts';
import type { PersonOption } from '../shared/person-picker.tsx';
import type { Pool } from '../shared/types.ts';
import { MemberPicker } from './member-picker.tsx';

/** A pooled RT-PCR sample takes 2 to 10 people (the API's bounds). */
const MIN_MEMBERS = 2;
const MAX_MEMBERS = 10;

interface PoolFormValues {
  memberIds: PersonOption[];
  sampledAt: Dayjs;
  site?: string;
}

/** /tests/pools/new: one pooled sample of 2 to 10 people. */
export function PoolNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolFormValues>();
  const [formError, setFormError] = useState<string>();
  const members = Form.useWatch('memberIds', form) ?? [];
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (values: PoolFormValues) =>
      api.post<Pool>('/tests/pools', {
        memberIds: values.memberIds.map((member) => member.value),
        sampledAt: isoDateTime(values.sampledAt),
        site: values.site?.trim() || null,
      }),
    onSuccess: async (pool) => {
      await queryClient.invalidateQueries({ queryKey: ['/tests'] });
      message.success(t('tests.poolCreated', { count: pool.members.length }));
      navigate(`/tests/pools/${pool.id}`);
    },
    onError: (error) => setFormError(showOnFields(form, error, ['memberIds', 'sampledAt', 'site'])),
  });

  return (
    <>
      <PageHeader title={t('tests.poolNewTitle')} />
      <Form<PoolFormValues>
        data-testid="pool-new"
        onKeyDown={keepEnterInInputs}
        form={form}
        layout="vertical"
        initialValues={{ memberIds: [], sampledAt: dayjs() }}
        onFinish={(values) => {
          // Enter in a field and a click can both submit: one request only.
          if (create.isPending) return;
          setFormError(undefined);
          create.mutate(values);
        }}
        style={{ maxWidth: 760 }}
      >
        <FormErrorAlert message={formError} />
        <Form.Item
          name="memberIds"
          label={t('tests.poolMembers', { count: members.length, max: MAX_MEMBERS })}
          rules={[
            {
              validator: async (_, value: PersonOption[] = []) => {
                if (value.length < MIN_MEMBERS || value.length > MAX_MEMBERS) {
                  throw new Error(t('tests.poolMembersRange', { min: MIN_MEMBERS, max: MAX_MEMBERS }));
                }
              },
            },
          ]}
        >
          <MemberPicker max={MAX_MEMBERS} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="sampledAt"
              label={t('tests.sampledAt')}
              rules={[{ required: true, message: t('tests.sampledAtRequired') }]}
            >
              <DatePicker
                data-testid="pool-sampled-at"
                showTime={{ format: 'HH:mm' }}
                format={DATE_TIME_FORMAT}
                placeholder={t('tests.dateTimePlaceholder')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="site" label={t('tests.site')}>
              <Input data-testid="pool-site" maxLength={200} placeholder={t('tests.sitePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <FormActions
          submitTestId="pool-submit"
          submitLabel={t('tests.poolSubmit')}
          loading={create.isPending}
          cancelTo="/tests"
        />
      </Form>
    </>
  );
}

import { useMutation, useQuery } from '@tanstack/react-query';
import {
  CALLER_WARNING_SIGN_LABELS,
  CALLER_WARNING_SIGNS,
  type CallerWarningSign,
  HOTLINE_KIND_LABELS,
  HOTLINE_KINDS,
  type HotlineKind,
} from '@tuyendau/domain';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { LanguageSwitcher } from '../../app/language-switcher.tsx';
import type { PublicUnit } from '../../care/hotline/types.ts';
import { PublishedNumbersList } from './published-numbers.tsx';

interface RequestForm {
  callerName: string;
  phone: string;
  address?: string;
  kind: HotlineKind;
  detail?: string;
  warningSigns?: CallerWarningSign[];
  inIsolation?: boolean;
  /** The commune, picked last of province, district, commune. */
  unitCode?: string;
}

const FIELDS = ['callerName', 'phone', 'unitCode', 'address', 'kind', 'detail', 'warningSigns'];

function useUnits(parent: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['/public/units', parent ?? null],
    queryFn: () => api.get<{ items: PublicUnit[] }>('/public/units', { parent }),
    enabled,
    staleTime: 3_600_000,
  });
}

/**
 * /duong-day-nong: anyone (no account) asks for help — medical advice, medicine, food, a test kit,
 * transport — from a phone: big fields, Vietnamese, the commune picked from the province down; the
 * answer is a reference and the time the commune team answers by. Below, the hotline numbers the
 * province, the district and the commune publish.
 */
export function HotlinePublicPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<RequestForm>();
  const [province, setProvince] = useState<string>();
  const [district, setDistrict] = useState<string>();
  const [error, setError] = useState<string>();
  const provinces = useUnits(undefined);
  const districts = useUnits(province, Boolean(province));
  const communes = useUnits(district, Boolean(district));
  const signs = Form.useWatch('warningSigns', form) ?? [];
  const commune = Form.useWatch('unitCode', form);

  useEffect(() => {
    document.title = `${t('publicHotline.title')} · Tuyến Đầu`;
  }, [t]);
  // One province in the tree (a provincial deployment): chosen already.
  useEffect(() => {
    if (!province && provinces.data?.items.length === 1) setProvince(provinces.data.items[0].code);
  }, [province, provinces.data]);

  const send = useMutation({
    mutationFn: (values: RequestForm) =>
      api.post<{ reference: string; dueBy: string }>('/public/hotline-requests', values),
    onError: (err) => setError(showOnFields(form, err, FIELDS)),
    onSuccess: () => setError(undefined),
  });

  const options = (units: PublicUnit[] | undefined) =>
    units?.map((u) => ({ value: u.code, label: u.name })) ?? [];

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 12, background: '#f0f2f5' }}>
      <div style={{ width: '100%', maxWidth: 560 }}>
        <Flex justify="space-between" align="center">
          <Typography.Title level={3} style={{ margin: '8px 0' }}>
            {t('publicHotline.title')}
          </Typography.Title>
          <LanguageSwitcher />
        </Flex>
        <Alert type="warning" showIcon title={t('publicHotline.emergency')} style={{ marginBottom: 12 }} />
        {send.isSuccess ? (
          <Card>
            <Result
              data-testid="hotline-sent"
              status="success"
              title={t('publicHotline.sent', { reference: send.data.reference })}
              subTitle={t('publicHotline.dueBy', { time: formatDateTime(send.data.dueBy) })}
              extra={
                <Button
                  size="large"
                  onClick={() => {
                    send.reset();
                    form.resetFields();
                  }}
                >
                  {t('publicHotline.another')}
                </Button>
              }
            />
          </Card>
        ) : (
          <Card>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Form<RequestForm>
              form={form}
              layout="vertical"
              size="large"
              requiredMark={false}
              onFinish={(values) => send.mutate(values)}
            >
              <Form.Item
                name="kind"
                label={t('publicHotline.kind')}
                rules={[{ required: true, message: t('publicHotline.kindRequired') }]}
              >
                <Radio.Group style={{ width: '100%' }}>
                  <Flex vertical gap={8}>
                    {HOTLINE_KINDS.map((k) => (
                      <Radio.Button
                        key={k}
                        value={k}
                        style={{ height: 48, lineHeight: '46px', fontSize: 17 }}
                      >
                        {HOTLINE_KIND_LABELS[k]}
                      </Radio.Button>
                    ))}
                  </Flex>
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="callerName"
                label={t('publicHotline.callerName')}
                rules={[{ required: true, whitespace: true, message: t('publicHotline.callerNameRequired') }]}
              >
                <Input autoComplete="name" maxLength={200} />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('publicHotline.phone')}
                rules={[{ required: true, whitespace: true, message: t('publicHotline.phoneRequired') }]}
              >
                <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={30} />
              </Form.Item>
              <Form.Item label={t('publicHotline.province')}>
                <Select
                  id="hotline-province"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={province}
                  options={options(provinces.data?.items)}
                  loading={provinces.isPending}
                  onChange={(v) => {
                    setProvince(v);
                    setDistrict(undefined);
                    form.setFieldValue('unitCode', undefined);
                  }}
                />
              </Form.Item>
              <Form.Item label={t('publicHotline.district')}>
                <Select
                  id="hotline-district"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={district}
                  disabled={!province}
                  options={options(districts.data?.items)}
                  onChange={(v) => {
                    setDistrict(v);
                    form.setFieldValue('unitCode', undefined);
                  }}
                />
              </Form.Item>
              <Form.Item
                name="unitCode"
                label={t('publicHotline.commune')}
                rules={[{ required: true, message: t('publicHotline.communeRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={!district}
                  options={options(communes.data?.items)}
                />
              </Form.Item>
              <Form.Item name="address" label={t('publicHotline.address')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="inIsolation" label={t('publicHotline.inIsolation')} valuePropName="checked">
                <Switch checkedChildren={t('publicHotline.yes')} unCheckedChildren={t('publicHotline.no')} />
              </Form.Item>
              <Form.Item name="warningSigns" label={t('publicHotline.warningSigns')}>
                <Checkbox.Group style={{ width: '100%' }}>
                  <Flex vertical gap={6}>
                    {CALLER_WARNING_SIGNS.map((s) => (
                      <Checkbox key={s} value={s} style={{ fontSize: 16 }}>
                        {CALLER_WARNING_SIGN_LABELS[s]}
                      </Checkbox>
                    ))}
                  </Flex>
                </Checkbox.Group>
              </Form.Item>
              {signs.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  title={t('publicHotline.signsAlert')}
                  style={{ marginBottom: 12 }}
                />
              )}
              <Form.Item name="detail" label={t('publicHotline.detail')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                size="large"
                loading={send.isPending}
                style={{ height: 56, fontSize: 20 }}
              >
                {t('publicHotline.submit')}
              </Button>
            </Form>
          </Card>
        )}
        <Typography.Title level={4} style={{ marginTop: 20 }}>
          {t('publicHotline.numbers')}
        </Typography.Title>
        <PublishedNumbersList unit={commune ?? district ?? province} />
      </div>
    </Flex>
  );
}

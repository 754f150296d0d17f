import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api, messageOf } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { LanguageSwitcher } from '../../app/language-switcher.tsx';

interface Verified {
  holderName: string;
  holderBirthYear: number;
  isolationFrom: string;
  isolationTo: string;
  station: string;
  number: string;
  issuedOn: string;
  status: 'valid' | 'revoked';
}

/**
 * /xac-minh/:code: where the QR of a recovery certificate leads (no account). It shows what the
 * paper shows — holder, birth year, isolation dates, station, number, date — and whether the
 * station still stands by it; nothing else of the person.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const check = useQuery({
    queryKey: ['/public/certificates', code],
    queryFn: () => api.get<Verified>(`/public/certificates/${encodeURIComponent(code)}`),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  useEffect(() => {
    document.title = `${t('verify.title')} · Tuyến Đầu`;
  }, [t]);

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 12, background: '#f0f2f5' }}>
      <div style={{ width: '100%', maxWidth: 560 }}>
        <Flex justify="space-between" align="center">
          <Typography.Title level={3} style={{ margin: '8px 0' }}>
            {t('verify.title')}
          </Typography.Title>
          <LanguageSwitcher />
        </Flex>
        <Card>
          {check.isPending ? (
            <Skeleton active />
          ) : check.isError ? (
            check.error instanceof ApiError && check.error.status === 404 ? (
              <Result status="error" title={t('verify.notFound')} subTitle={t('verify.notFoundHint')} />
            ) : (
              <Alert type="error" showIcon title={messageOf(check.error)} />
            )
          ) : (
            <>
              <Result
                status={check.data.status === 'valid' ? 'success' : 'warning'}
                title={check.data.status === 'valid' ? t('verify.valid') : t('verify.revoked')}
                style={{ padding: '12px 0' }}
              />
              <Descriptions column={1} size="middle" bordered data-testid="verified">
                <Descriptions.Item label={t('verify.holder')}>{check.data.holderName}</Descriptions.Item>
                <Descriptions.Item label={t('verify.birthYear')}>
                  {check.data.holderBirthYear}
                </Descriptions.Item>
                <Descriptions.Item label={t('verify.isolation')}>
                  {t('verify.fromTo', {
                    from: formatDate(check.data.isolationFrom),
                    to: formatDate(check.data.isolationTo),
                  })}
                </Descriptions.Item>
                <Descriptions.Item label={t('verify.station')}>{check.data.station}</Descriptions.Item>
                <Descriptions.Item label={t('verify.number')}>{check.data.number}</Descriptions.Item>
                <Descriptions.Item label={t('verify.issuedOn')}>
                  {formatDate(check.data.issuedOn)}
                </Descriptions.Item>
                <Descriptions.Item label={t('verify.status')}>
                  <Tag color={check.data.status === 'valid' ? 'green' : 'red'}>
                    {check.data.status === 'valid' ? t('verify.statusValid') : t('verify.statusRevoked')}
                  </Tag>
                </Descriptions.Item>
              </Descriptions>
            </>
          )}
        </Card>
      </div>
    </Flex>
  );
}

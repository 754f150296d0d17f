import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../app/api.ts';
import type { SentenceReport } from './types.ts';
import type { CoverageParams } from './use-coverage-params.ts';

type Kind = 'pair' | 'conclusion';

/**
 * The paragraph officials write, computed: for the chosen group and dose ("Tỷ lệ … toàn tỉnh đạt
 * 63,4%, trong đó: …"), or the whole conclusion (the units below target for each group and dose
 * a conclusion names, the unsynced doses and records to verify); ready to copy into a report.
 */
export function SentenceCard({ params }: { params: CoverageParams }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('pair');
  const pair = kind === 'pair' ? { ageGroup: params.ageGroup, dose: params.dose } : {};
  const sentence = useQuery({
    queryKey: ['/vaccination/sentence', params.unit ?? null, params.asOf ?? null, kind, pair],
    queryFn: () =>
      api.get<SentenceReport>('/vaccination/sentence', { unit: params.unit, asOf: params.asOf, ...pair }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      size="small"
      data-testid="coverage-sentence"
      title={t('vaccinationCoverage.sentenceTitle')}
      style={{ height: '100%' }}
    >
      <Flex vertical gap={12}>
        <Segmented<Kind>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'pair', label: t('vaccinationCoverage.sentencePair') },
            { value: 'conclusion', label: t('vaccinationCoverage.sentenceConclusion') },
          ]}
        />
        {sentence.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : sentence.isError ? (
          <Alert type="error" showIcon title={messageOf(sentence.error)} />
        ) : (
          <Typography.Paragraph
            data-testid="coverage-sentence-text"
            copyable={{
              text: sentence.data.text,
              tooltips: [t('vaccinationCoverage.copy'), t('vaccinationCoverage.copied')],
            }}
            style={{ whiteSpace: 'pre-line', margin: 0, fontSize: 15 }}
          >
            {sentence.data.text}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('vaccinationCoverage.sentenceHint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

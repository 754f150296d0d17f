import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import { PolicyBasis } from '../shared/policy-basis.tsx';
import type { IsolationPlan } from '../shared/types.ts';

/** When and on what criterion the case's isolation ends, with the document that says so. */
export function CaseIsolation({ plan }: { plan: IsolationPlan }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="case-isolation" title={t('cases.isolation')} size="small">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'criterion', label: t('cases.isolationCriterion'), children: plan.criterion },
          {
            key: 'earliestEnd',
            label: t('cases.isolationEarliestEnd'),
            children: plan.earliestEnd ? formatDate(plan.earliestEnd) : t('cases.isolationByCriterion'),
          },
          ...(plan.extendedEnd
            ? [
                {
                  key: 'extendedEnd',
                  label: t('cases.isolationExtendedEnd'),
                  children: formatDate(plan.extendedEnd),
                },
              ]
            : []),
          {
            key: 'policy',
            label: t('cases.policy'),
            children: <PolicyBasis policy={plan.policy} showPoints />,
          },
        ]}
      />
    </Card>
  );
}

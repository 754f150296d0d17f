import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { PolicyBasis } from '../shared/policy-basis.tsx';
import type { TestOutcome as Outcome } from '../shared/types.ts';

// A confirmed case is a decision the rule made, not a failure of the form: never the red error style.
const ALERT_TYPE = { confirmed: 'info', suspected: 'warning', none: 'info' } as const;

/** What a registered test means: a confirmed case (with a link to it), a suspected one, or nothing. */
export function TestOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const me = useAccount();
  const { confirmation } = outcome;
  return (
    <Alert
      data-testid="test-outcome"
      data-outcome={confirmation.outcome}
      type={ALERT_TYPE[confirmation.outcome]}
      showIcon
      icon={confirmation.outcome === 'confirmed' ? <SafetyCertificateOutlined /> : undefined}
      title={t(`tests.outcome.${confirmation.outcome}`)}
      description={
        <Flex vertical gap={8}>
          <ul data-testid="test-outcome-reasons" style={{ margin: 0, paddingInlineStart: 20 }}>
            {confirmation.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <Typography.Text type="secondary">
            <PolicyBasis policy={confirmation.policy} prefix="tests.policy" showPoints />
          </Typography.Text>
          {outcome.case && (
            <Link to={`/cases/${outcome.case.id}`} data-testid="test-case-link">
              <Button type="primary">{t('tests.openCase')}</Button>
            </Link>
          )}
          {!outcome.case &&
            confirmation.outcome === 'suspected' &&
            outcome.personId &&
            can(me, 'case.write') && (
              <Link to={`/cases/new?person=${outcome.personId}`} data-testid="test-register-case">
                <Button>{t('tests.registerCase')}</Button>
              </Link>
            )}
        </Flex>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PolicyRef } from './types.ts';

/**
 * The "căn cứ" of a rule as people read it: the document, and a visible "chưa xác nhận" mark when
 * the rules file does not confirm part of it (what exactly, in the tooltip and for screen readers).
 */
export function PolicyBasis({
  policy,
  prefix,
  showPoints,
}: {
  policy: PolicyRef;
  /** An i18n key taking {{source}} ("Theo {{source}}"). */
  prefix?: string;
  /** List what is unconfirmed under the basis (where there is room), not only in the tooltip. */
  showPoints?: boolean;
}) {
  const { t } = useTranslation();
  const points = policy.unconfirmedPoints ?? [];
  return (
    <span data-testid="policy-basis">
      {prefix ? t(prefix, { source: policy.source }) : policy.source}
      {policy.unconfirmed && (
        <Tooltip
          title={
            <>
              <div>{t('policy.unconfirmedTitle')}</div>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {points.map((point) => (
                  <li key={point}>{point}</li>
                ))}
              </ul>
            </>
          }
        >
          <Tag
            data-testid="policy-unconfirmed"
            color="warning"
            style={{ marginInlineStart: 8, cursor: 'help' }}
            aria-label={[t('policy.unconfirmed'), ...points].join('. ')}
          >
            {t('policy.unconfirmed')}
          </Tag>
        </Tooltip>
      )}
      {policy.unconfirmed && showPoints && points.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {points.map((point) => (
            <span key={point} style={{ display: 'block' }}>
              {t('policy.unconfirmedPoint', { point })}
            </span>
          ))}
        </Typography.Text>
      )}
    </span>
  );
}

import { Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import { useCarePlaces } from '../shared/care-places.ts';
import { FOUND_BY_LABELS, labelOf, OUTCOME_LABELS, SEVERITY_LABELS } from '../shared/labels.ts';
import type { CaseDetail, CaseEvent } from '../shared/types.ts';

const COLORS: Record<string, string> = { severity: 'orange', care: 'blue', outcome: 'green' };

function valueLabel(event: CaseEvent, carePlace: (code: string, known?: string | null) => string): string {
  if (event.kind === 'severity') return labelOf(SEVERITY_LABELS, event.value);
  if (event.kind === 'care') return carePlace(event.value, event.valueName);
  if (event.kind === 'outcome') return labelOf(OUTCOME_LABELS, event.value);
  return event.value;
}

/** Detection, then every change of severity and place of care, then the outcome, oldest first. */
export function CaseHistory({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const carePlaces = useCarePlaces();
  const items = [
    {
      key: 'detected',
      color: 'red',
      content: (
        <>
          <Typography.Text strong>{formatDate(kase.detectedOn)}</Typography.Text> ·{' '}
          {t('cases.historyDetected', { foundBy: labelOf(FOUND_BY_LABELS, kase.foundBy) })}
        </>
      ),
    },
    ...kase.events.map((event, index) => ({
      key: `${event.on}-${index}`,
      color: COLORS[event.kind] ?? 'gray',
      content: (
        <>
          <Typography.Text strong>{formatDate(event.on)}</Typography.Text> ·{' '}
          {t(`cases.historyKind.${event.kind}`, { defaultValue: event.kind })}:{' '}
          {valueLabel(event, carePlaces.label)}
          {event.detail && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {event.detail}
            </Typography.Paragraph>
          )}
          {event.overrideReason && (
            <Typography.Paragraph type="warning" style={{ margin: 0 }} data-testid="case-history-override">
              {t('cases.overrideReasonHistory', { reason: event.overrideReason })}
            </Typography.Paragraph>
          )}
        </>
      ),
    })),
  ];
  return (
    <Card data-testid="case-history" title={t('cases.history')} size="small">
      <Timeline items={items} />
    </Card>
  );
}

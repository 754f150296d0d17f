import { PhoneOutlined } from '@ant-design/icons';
import {
  HOTLINE_CHANNEL_LABELS,
  HOTLINE_KIND_LABELS,
  HOTLINE_PRIORITY_LABELS,
  HOTLINE_PRIORITY_REASON_LABELS,
  HOTLINE_STATUS_LABELS,
} from '@tuyendau/domain';
import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { type HotlineItem, minutesBetween } from './types.ts';

const PRIORITY_COLOURS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'default' };

/** "25 phút", "3 giờ 10 phút", "2 ngày 4 giờ". */
export function spanWords(minutes: number, t: (key: string, o?: Record<string, unknown>) => string): string {
  const m = Math.max(0, minutes);
  if (m < 60) return t('hotline.minutes', { n: m });
  if (m < 1440) return t('hotline.hours', { h: Math.floor(m / 60), m: m % 60 });
  return t('hotline.days', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

/**
 * Due colouring: red once overdue, orange in the last quarter of the target, else none. A resolved
 * request keeps no colour.
 */
export function dueTone(item: HotlineItem, now: Date): 'overdue' | 'soon' | 'ok' | 'closed' {
  if (item.status === 'resolved' || item.status === 'cancelled') return 'closed';
  if (item.overdue || new Date(item.dueAt) < now) return 'overdue';
  const total = new Date(item.dueAt).getTime() - new Date(item.receivedAt).getTime();
  const left = new Date(item.dueAt).getTime() - now.getTime();
  return left < total / 4 ? 'soon' : 'ok';
}

const TONE_STYLE = {
  overdue: { borderColor: '#ff4d4f', background: '#fff1f0' },
  soon: { borderColor: '#faad14', background: '#fffbe6' },
  ok: {},
  closed: {},
} as const;

interface Props {
  item: HotlineItem;
  now: Date;
  onAssign?: () => void;
  onResolve?: () => void;
}

/** One request on the board: urgency, who and what, age and due time, and its actions. */
export function RequestCard({ item, now, onAssign, onResolve }: Props) {
  const { t } = useTranslation();
  const tone = dueTone(item, now);
  const age = minutesBetween(item.receivedAt, now);
  const toDue = minutesBetween(now, new Date(item.dueAt));
  const open = item.status === 'open' || item.status === 'assigned';
  return (
    <Card size="small" style={TONE_STYLE[tone]} data-testid="hotline-request" data-tone={tone}>
      <Flex vertical gap={4}>
        <Flex wrap gap={6} align="center">
          <Tag color={PRIORITY_COLOURS[item.priority]}>{HOTLINE_PRIORITY_LABELS[item.priority]}</Tag>
          <Tag>{HOTLINE_KIND_LABELS[item.kind]}</Tag>
          <Tag color={item.status === 'resolved' ? 'green' : item.status === 'assigned' ? 'blue' : undefined}>
            {HOTLINE_STATUS_LABELS[item.status]}
          </Tag>
          {item.escalatedAt && open && <Tag color="red">{t('hotline.escalated')}</Tag>}
          <Typography.Text type="secondary">#{item.reference}</Typography.Text>
        </Flex>
        <Flex wrap gap={8} align="baseline">
          <Typography.Text strong style={{ fontSize: 16 }}>
            {item.callerName}
          </Typography.Text>
          <a href={`tel:${item.phone}`}>
            <PhoneOutlined /> {item.phone}
          </a>
          <Typography.Text type="secondary">{item.unitName ?? item.unitCode}</Typography.Text>
        </Flex>
        {item.address && <Typography.Text>{item.address}</Typography.Text>}
        {item.detail && (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }}>
            {item.detail}
          </Typography.Paragraph>
        )}
        {item.priorityReasons.length > 0 && (
          <Space wrap size={4}>
            {item.priorityReasons.map((r) => (
              <Tag key={r} bordered={false} color="volcano">
                {HOTLINE_PRIORITY_REASON_LABELS[r]}
              </Tag>
            ))}
          </Space>
        )}
        <Typography.Text type="secondary">
          {t('hotline.received', { time: formatDateTime(item.receivedAt), age: spanWords(age, t) })} ·{' '}
          {HOTLINE_CHANNEL_LABELS[item.channel]}
        </Typography.Text>
        {open && (
          <Typography.Text
            type={tone === 'overdue' ? 'danger' : tone === 'soon' ? 'warning' : undefined}
            strong={tone !== 'ok'}
          >
            {tone === 'overdue'
              ? t('hotline.overdueBy', { time: formatDateTime(item.dueAt), span: spanWords(-toDue, t) })
              : t('hotline.dueIn', { time: formatDateTime(item.dueAt), span: spanWords(toDue, t) })}
          </Typography.Text>
        )}
        {item.assignedTo && (
          <Typography.Text>{t('hotline.assignedTo', { who: item.assignedTo })}</Typography.Text>
        )}
        {item.resolution && (
          <Typography.Text type="success">
            {t('hotline.resolvedWith', { time: formatDateTime(item.resolvedAt), what: item.resolution })}
          </Typography.Text>
        )}
        {open && (onAssign || onResolve) && (
          <Flex gap={8} wrap>
            {onAssign && <Button onClick={onAssign}>{t('hotline.assign')}</Button>}
            {onResolve && (
              <Button type="primary" onClick={onResolve}>
                {t('hotline.resolve')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

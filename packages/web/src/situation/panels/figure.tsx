import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../app/format.ts';

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** 0.125 → "12,5%" (vi-VN, whatever the UI language). */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : percent.format(value);
}

/**
 * The change against the period before: up in red (more cases is worse), down in green, "—" when
 * the period before had none to compare with.
 */
export function Change({ value, testId }: { value: number | null; testId?: string }) {
  const { t } = useTranslation();
  if (value === null)
    return (
      <Typography.Text data-testid={testId} type="secondary" title={t('situation.noChange')}>
        —
      </Typography.Text>
    );
  if (value === 0)
    return (
      <Typography.Text data-testid={testId} type="secondary">
        {t('situation.unchanged')}
      </Typography.Text>
    );
  const up = value > 0;
  return (
    <Typography.Text data-testid={testId} type={up ? 'danger' : 'success'} style={{ whiteSpace: 'nowrap' }}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {formatPercent(Math.abs(value))}
    </Typography.Text>
  );
}

interface FigureProps {
  testId: string;
  label: ReactNode;
  value: number;
  /** The list behind the figure. */
  to: string;
  note?: ReactNode;
}

/** A big number with its label, linking to the list of the records it counts. */
export function Figure({ testId, label, value, to, note }: FigureProps) {
  return (
    <Flex vertical style={{ minWidth: 96 }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {label}
      </Typography.Text>
      <Link to={to} data-testid={testId} style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3 }}>
        {formatNumber(value)}
      </Link>
      {note}
    </Flex>
  );
}

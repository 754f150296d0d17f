import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  MinusCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { Flex, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Standing } from './types.ts';

/** The colours of a standing, shared by the table's tags and the chart's bars. */
export const STANDING_COLORS: Record<Standing, string> = {
  met: '#389e0d',
  near: '#d48806',
  below: '#cf1322',
  noTarget: '#1677ff',
  noData: '#8c8c8c',
};

/** The icon of a standing, next to its colour. */
export const STANDING_ICONS: Record<Standing, ReactNode> = {
  met: <CheckCircleOutlined />,
  near: <ExclamationCircleOutlined />,
  below: <CloseCircleOutlined />,
  noTarget: <MinusCircleOutlined />,
  noData: <QuestionCircleOutlined />,
};

const TAG_COLORS: Record<Standing, string> = {
  met: 'success',
  near: 'warning',
  below: 'error',
  noTarget: 'processing',
  noData: 'default',
};

/** A rate with its standing: a colour, an icon and a word, never the colour alone. */
export function StandingTag({ standing, children }: { standing: Standing; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Tag color={TAG_COLORS[standing]} icon={STANDING_ICONS[standing]} data-standing={standing}>
      {children ?? t(`vaccinationCoverage.standing.${standing}`)}
    </Tag>
  );
}

/** What the colours mean. */
export function StandingLegend() {
  const { t } = useTranslation();
  const order: Standing[] = ['met', 'near', 'below', 'noTarget', 'noData'];
  return (
    <Flex
      wrap
      gap={4}
      align="center"
      data-testid="coverage-legend"
      aria-label={t('vaccinationCoverage.legend')}
    >
      {order.map((s) => (
        <StandingTag key={s} standing={s} />
      ))}
    </Flex>
  );
}

import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHAIN_COLORS, type ChainColor } from './chain-style.ts';

const NODES: { key: ChainColor; shape: 'circle' | 'square' }[] = [
  { key: 'caseActive', shape: 'circle' },
  { key: 'caseClosed', shape: 'circle' },
  { key: 'quarantined', shape: 'square' },
  { key: 'released', shape: 'square' },
  { key: 'positive', shape: 'square' },
  { key: 'hidden', shape: 'circle' },
];

function Swatch({ color, shape, border }: { color: string; shape: 'circle' | 'square'; border?: string }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 14,
        height: 14,
        background: color,
        borderRadius: shape === 'circle' ? '50%' : 3,
        border: border ? `3px solid ${border}` : undefined,
        boxSizing: 'border-box',
      }}
    />
  );
}

function Line({ color, dashed }: { color: string; dashed?: boolean }) {
  return (
    <span
      aria-hidden
      style={{ display: 'inline-block', width: 24, borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}` }}
    />
  );
}

/** What the colours, shapes and lines of the chain graph mean. */
export function ChainLegend({ focus }: { focus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex data-testid="chain-legend" wrap gap="6px 16px" align="center">
      <Flex gap={6} align="center">
        <Swatch color={CHAIN_COLORS.caseActive} shape="circle" border={CHAIN_COLORS.origin} />
        <Typography.Text>{t('chain.legend.origin')}</Typography.Text>
      </Flex>
      {focus && (
        <Flex gap={6} align="center">
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              borderRadius: '50%',
              background: CHAIN_COLORS.caseActive,
              outline: '2px solid #262626',
              outlineOffset: 2,
            }}
          />
          <Typography.Text>{t('chain.legend.focus')}</Typography.Text>
        </Flex>
      )}
      {NODES.map(({ key, shape }) => (
        <Flex key={key} gap={6} align="center">
          <Swatch color={CHAIN_COLORS[key]} shape={shape} />
          <Typography.Text>{t(`chain.legend.${key}`)}</Typography.Text>
        </Flex>
      ))}
      <Flex gap={6} align="center">
        <span
          aria-hidden
          style={{
            display: 'inline-block',
            padding: '0 4px',
            fontSize: 11,
            fontWeight: 600,
            lineHeight: '16px',
            color: '#1d39c4',
            background: '#f0f5ff',
            border: '1px solid #85a5ff',
            borderRadius: 4,
          }}
        >
          {t('chain.fold', { n: 'n' })}
        </span>
        <Typography.Text>{t('chain.legend.fold')}</Typography.Text>
      </Flex>
      <Flex gap={6} align="center">
        <Line color={CHAIN_COLORS.exposed} />
        <Typography.Text>{t('chain.legend.exposed')}</Typography.Text>
      </Flex>
      <Flex gap={6} align="center">
        <Line color={CHAIN_COLORS.became} dashed />
        <Typography.Text>{t('chain.legend.became')}</Typography.Text>
      </Flex>
    </Flex>
  );
}

import {
  CompressOutlined,
  SearchOutlined,
  ShrinkOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import { Button, Flex, Select, Space, Tooltip, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chain } from '../shared/types.ts';
import { peopleMatching } from './chain-search.ts';

interface ChainSearchProps {
  chain: Chain;
  /** People found as someone else: contacts who became a case are found as that case. */
  skip: ReadonlySet<string>;
  searched: string | null;
  onSearch: (id: string | null) => void;
}

/** Finds a person of the chain by name, without diacritics needed. */
export function ChainSearch({ chain, skip, searched, onSearch }: ChainSearchProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const options = useMemo(() => {
    const found = peopleMatching(chain, typed, { skip });
    // The person found stays an option, so the box shows their name rather than an id.
    const chosen = chain.nodes.find((node) => node.id === searched);
    if (chosen && !found.includes(chosen)) found.unshift(chosen);
    return found.map((node) => ({
      value: node.id,
      label: node.label,
      kind: t(node.type === 'case' ? 'chain.searchCase' : 'chain.searchContact', {
        generation: node.generation,
      }),
    }));
  }, [chain, skip, typed, searched, t]);
  return (
    <Select<string>
      data-testid="chain-search"
      aria-label={t('chain.search')}
      placeholder={t('chain.searchPlaceholder')}
      prefix={<SearchOutlined />}
      style={{ flex: '1 1 260px', maxWidth: 420 }}
      value={searched}
      options={options}
      optionRender={(option) => (
        <Flex justify="space-between" gap={8}>
          <span>{option.data.label}</span>
          <Typography.Text type="secondary">{option.data.kind}</Typography.Text>
        </Flex>
      )}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={typed.trim() ? t('chain.searchNone') : null}
      allowClear
      onSelect={(id) => {
        setTyped('');
        onSearch(id);
      }}
      onClear={() => onSearch(null)}
    />
  );
}

function IconButton({
  label,
  testId,
  icon,
  onClick,
}: {
  label: string;
  testId: string;
  icon: ReactNode;
  onClick?: () => void;
}) {
  return (
    <Tooltip title={label}>
      <Button aria-label={label} data-testid={testId} icon={icon} onClick={onClick} disabled={!onClick} />
    </Tooltip>
  );
}

interface ChainZoomProps {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  /** Absent while no count is expanded. */
  onCollapseAll?: () => void;
  style?: CSSProperties;
}

/** Zoom in, zoom out, the whole chain, and fold every expanded count again. */
export function ChainZoom({ onZoomIn, onZoomOut, onFit, onCollapseAll, style }: ChainZoomProps) {
  const { t } = useTranslation();
  return (
    <Space.Compact orientation="vertical" style={style}>
      <IconButton
        label={t('chain.zoomIn')}
        testId="chain-zoom-in"
        icon={<ZoomInOutlined />}
        onClick={onZoomIn}
      />
      <IconButton
        label={t('chain.zoomOut')}
        testId="chain-zoom-out"
        icon={<ZoomOutOutlined />}
        onClick={onZoomOut}
      />
      <IconButton label={t('chain.fit')} testId="chain-fit" icon={<CompressOutlined />} onClick={onFit} />
      <IconButton
        label={t('chain.collapseAll')}
        testId="chain-collapse-all"
        icon={<ShrinkOutlined />}
        onClick={onCollapseAll}
      />
    </Space.Compact>
  );
}

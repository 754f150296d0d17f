import cytoscape from 'cytoscape';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chain, ChainNode } from '../shared/types.ts';
import { chainLayout, LARGE_CHAIN } from './chain-layout.ts';
import { CHAIN_COLORS, CHAIN_STYLE, colorOf } from './chain-style.ts';

/** People outside the viewer's jurisdiction arrive as one node per unit: "3 ca ở Phường X". */
function labelOf(node: ChainNode, t: TFunction): string {
  if (!node.hidden) return node.label;
  const { count, unitName: unit } = node.hidden;
  return node.type === 'case'
    ? t('chain.hiddenCases', { count, unit })
    : t('chain.hiddenContacts', { count, unit });
}

function elementsOf(chain: Chain, t: TFunction, focus?: string): cytoscape.ElementDefinition[] {
  const ids = new Set(chain.nodes.map((node) => node.id));
  return [
    ...chain.nodes.map((node) => ({
      group: 'nodes' as const,
      data: {
        id: node.id,
        label: labelOf(node, t),
        type: node.type,
        hidden: node.hidden ? 1 : 0,
        generation: node.generation,
        color: CHAIN_COLORS[colorOf(node.type, node.status)],
      },
      classes: [node.id === chain.origin && 'origin', node.id === focus && 'focus'].filter(Boolean).join(' '),
    })),
    ...chain.edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge, index) => ({
        group: 'edges' as const,
        data: { id: `e${index}`, source: edge.source, target: edge.target, kind: edge.kind },
      })),
  ];
}

interface ChainGraphProps {
  chain: Chain;
  height: number;
  /** The case the page is about, drawn with a dark ring. */
  focus?: string;
  onOpenCase: (id: string) => void;
}

/** The transmission chain as a directed graph; tapping a case opens its page. */
export function ChainGraph({ chain, height, focus, onOpenCase }: ChainGraphProps) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const openCase = useRef(onOpenCase);
  openCase.current = onOpenCase;

  useEffect(() => {
    if (!element.current) return;
    const large = chain.nodes.length > LARGE_CHAIN;
    const cy = cytoscape({
      container: element.current,
      elements: elementsOf(chain, t, focus),
      style: CHAIN_STYLE,
      layout: chainLayout(chain),
      minZoom: 0.05,
      maxZoom: 3,
      // Big chains: draw a still image while panning and zooming.
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
    });
    // An anonymous node of another jurisdiction has no record to open.
    cy.on('tap', 'node[type = "case"][hidden = 0]', (event) => openCase.current(event.target.id()));
    cy.on('mouseover', 'node[type = "case"][hidden = 0]', () => {
      if (element.current) element.current.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', () => {
      if (element.current) element.current.style.cursor = '';
    });
    const observer = new ResizeObserver(() => cy.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      cy.destroy();
    };
  }, [chain, focus, t]);

  return (
    <div
      ref={element}
      data-testid="chain-canvas"
      data-nodes={chain.nodes.length}
      data-edges={chain.edges.length}
      style={{
        width: '100%',
        height,
        border: '1px solid rgba(5, 5, 5, 0.06)',
        borderRadius: 8,
        background: '#fff',
      }}
    />
  );
}

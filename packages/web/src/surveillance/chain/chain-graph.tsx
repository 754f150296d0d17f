import { Flex } from 'antd';
import cytoscape from 'cytoscape';
import type { TFunction } from 'i18next';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import type { Chain } from '../shared/types.ts';
import { ChainSearch, ChainZoom } from './chain-controls.tsx';
import { type ChainView, chainTree, chainView, type PlacedNode } from './chain-layout.ts';
import { CHAIN_COLORS, CHAIN_STYLE, colorOf } from './chain-style.ts';
import { initialViewport, PADDING, READABLE_ZOOM } from './chain-viewport.ts';

/** Drawn nodes above which panning shows a still image and hides edges. */
const LARGE_DRAWING = 800;
const ZOOM_STEP = 1.4;

/**
 * On a desktop the canvas ends above the bottom of the window, since the wheel over it zooms the
 * chain instead of scrolling the page; on a phone it leaves a quarter of the screen to scroll the
 * page by, since a finger on the canvas moves the chain.
 */
function maxCanvasHeight(container: HTMLElement): number {
  const screen = window.innerHeight;
  if (window.matchMedia('(pointer: coarse)').matches) return Math.max(360, Math.round(screen * 0.75));
  const top = container.getBoundingClientRect().top + window.scrollY;
  return Math.max(360, Math.round(screen - top - 24));
}

/** The words on a node: a name, "3 ca ở Phường X" for an anonymous group, "+ 12 F1" for a fold. */
function labelOf(placed: PlacedNode, t: TFunction): string {
  if (placed.fold) {
    const { count, expanded } = placed.fold;
    return t(expanded ? 'chain.foldOpen' : 'chain.fold', { n: formatNumber(count) });
  }
  const node = placed.node!;
  if (placed.unnamed) return '';
  if (!node.hidden) return node.label;
  const { count, unitName: unit } = node.hidden;
  return node.type === 'case'
    ? t('chain.hiddenCases', { count, unit })
    : t('chain.hiddenContacts', { count, unit });
}

interface Marked {
  origin: string | null;
  /** The case the page is about. */
  focus?: string;
  /** The person found by the search. */
  searched?: string | null;
}

function nodeElement(placed: PlacedNode, t: TFunction, marked: Marked) {
  const node = placed.node;
  return {
    group: 'nodes' as const,
    data: {
      id: placed.id,
      label: labelOf(placed, t),
      kind: placed.fold ? 'fold' : node!.type,
      hidden: node?.hidden ? 1 : 0,
      color: node ? CHAIN_COLORS[colorOf(node.type, node.status)] : undefined,
    },
    position: { x: placed.x, y: placed.y },
    classes: [
      placed.id === marked.origin && 'origin',
      placed.id === marked.focus && 'focus',
      placed.id === marked.searched && 'searched',
      placed.fold?.expanded && 'open',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

/** Brings the drawing in line with a new view: removes, adds, moves and relabels nodes. */
function applyView(cy: cytoscape.Core, view: ChainView, t: TFunction, marked: Marked) {
  const wanted = new Map(view.nodes.map((n) => [n.id, n]));
  const edges = new Set(view.edges.map((e) => e.id));
  cy.batch(() => {
    cy.edges()
      .filter((edge) => !edges.has(edge.id()))
      .remove();
    cy.nodes()
      .filter((node) => !wanted.has(node.id()))
      .remove();
    const added: cytoscape.ElementDefinition[] = [];
    for (const placed of view.nodes) {
      const element = cy.getElementById(placed.id);
      const definition = nodeElement(placed, t, marked);
      if (element.empty()) {
        added.push(definition);
        continue;
      }
      element.position(definition.position);
      if (element.data('label') !== definition.data.label) element.data('label', definition.data.label);
      if ([...element.classes()].sort().join(' ') !== definition.classes.split(' ').sort().join(' ')) {
        element.classes(definition.classes);
      }
    }
    for (const edge of view.edges) {
      if (cy.getElementById(edge.id).empty()) added.push({ group: 'edges', data: { ...edge } });
    }
    cy.add(added);
  });
}

interface ChainGraphProps {
  chain: Chain;
  /** The case the page is about, drawn with a dark ring. */
  focus?: string;
  onOpenCase: (id: string) => void;
  /** Shown beside the search box. */
  summary?: ReactNode;
}

declare global {
  interface Window {
    /** The chain's cytoscape instance, for browser tests only (set when a WebDriver drives the page). */
    __chainGraph?: cytoscape.Core;
  }
}

/**
 * The transmission chain, laid out by generation (chain-layout.ts), with zoom, fit and search
 * controls. Tapping a case opens its page; tapping a count node shows or folds its contacts.
 */
export function ChainGraph({ chain, focus, onOpenCase, summary }: ChainGraphProps) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const tree = useMemo(() => chainTree(chain), [chain]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  // A new object per search, so that finding the same person again centres them again.
  const [found, setFound] = useState<{ id: string } | null>(null);
  const searched = found?.id ?? null;
  const view = useMemo(() => chainView(tree, expanded), [tree, expanded]);
  const latest = useRef({ view, t, onOpenCase });
  latest.current = { view, t, onOpenCase };
  // A node whose place on screen is kept when the layout changes around it (the fold just tapped).
  const anchor = useRef<{ id: string; x: number; y: number } | null>(null);

  const toggleFold = useCallback((id: string) => {
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  // One drawing per chain; folds, search and language change it in place below.
  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const { view: first, t: words } = latest.current;
    const anchorNode = first.nodes.find((n) => n.id === (focus ?? chain.origin));
    const start = initialViewport(
      first.bounds,
      container.clientWidth,
      maxCanvasHeight(container),
      anchorNode,
    );
    container.style.height = `${start.height}px`;
    const large = first.nodes.length > LARGE_DRAWING;
    const cy = cytoscape({
      container,
      elements: [
        ...first.nodes.map((placed) => nodeElement(placed, words, { origin: chain.origin, focus })),
        ...first.edges.map((edge) => ({ group: 'edges' as const, data: { ...edge } })),
      ],
      style: CHAIN_STYLE,
      layout: { name: 'preset', fit: false },
      zoom: start.zoom,
      pan: start.pan,
      minZoom: 0.02,
      maxZoom: 3,
      // Positions come from the layout; dragging a node would only break the bands.
      autoungrabify: true,
      boxSelectionEnabled: false,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
    });
    cyRef.current = cy;
    const showZoom = () => {
      container.dataset.zoom = cy.zoom().toFixed(3);
    };
    showZoom();
    cy.on('zoom', showZoom);
    // An anonymous node of another jurisdiction has no record to open.
    cy.on('tap', 'node[kind = "case"][hidden = 0]', (event) => latest.current.onOpenCase(event.target.id()));
    cy.on('tap', 'node[kind = "fold"]', (event) => {
      const { x, y } = event.target.renderedPosition();
      anchor.current = { id: event.target.id(), x, y };
      toggleFold(event.target.id());
    });
    cy.on('mouseover', 'node[kind = "case"][hidden = 0], node[kind = "fold"]', () => {
      container.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', () => {
      container.style.cursor = '';
    });
    if (navigator.webdriver) window.__chainGraph = cy;
    const observer = new ResizeObserver(() => cy.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      if (window.__chainGraph === cy) delete window.__chainGraph;
      cy.destroy();
      cyRef.current = null;
    };
  }, [chain, focus, toggleFold]);

  // Folds opened or closed, language switched: same drawing, new nodes and places.
  useEffect(() => {
    const cy = cyRef.current;
    const container = element.current;
    if (!cy || !container) return;
    applyView(cy, view, t, { origin: chain.origin, focus, searched });
    container.dataset.drawnNodes = String(view.nodes.length);
    container.dataset.searched = searched ?? '';
    const kept = anchor.current;
    anchor.current = null;
    if (kept) {
      const now = cy.getElementById(kept.id).renderedPosition();
      cy.panBy({ x: kept.x - now.x, y: kept.y - now.y });
    }
  }, [view, t, chain.origin, focus, searched]);

  // The person searched for (ringed and labelled by the effect above) in the middle of the canvas.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !found) return;
    const node = cy.getElementById(found.id);
    if (node.empty()) return;
    cy.zoom(Math.max(cy.zoom(), READABLE_ZOOM * 1.1));
    cy.center(node);
  }, [found]);

  const findPerson = (id: string | null) => {
    const fold = id ? tree.foldOf.get(id) : undefined;
    if (fold && !expanded.has(fold)) toggleFold(fold);
    setFound(id ? { id } : null);
  };

  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({
      level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor)),
      renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 },
    });
  };

  return (
    <>
      <Flex wrap gap="8px 24px" align="center" justify="space-between" style={{ marginBottom: 8 }}>
        {summary}
        <ChainSearch chain={chain} skip={tree.unnamed} searched={searched} onSearch={findPerson} />
      </Flex>
      <div style={{ position: 'relative' }}>
        <div
          ref={element}
          data-testid="chain-canvas"
          data-nodes={chain.nodes.length}
          data-edges={chain.edges.length}
          data-folds={tree.folds.size}
          style={{
            width: '100%',
            minHeight: 280,
            border: '1px solid rgba(5, 5, 5, 0.06)',
            borderRadius: 8,
            background: '#fff',
          }}
        />
        <ChainZoom
          style={{ position: 'absolute', top: 8, right: 8 }}
          onZoomIn={() => zoomBy(ZOOM_STEP)}
          onZoomOut={() => zoomBy(1 / ZOOM_STEP)}
          onFit={() => cyRef.current?.fit(undefined, PADDING)}
          onCollapseAll={expanded.size > 0 ? () => setExpanded(new Set()) : undefined}
        />
      </div>
    </>
  );
}

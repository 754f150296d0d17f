import type cytoscape from 'cytoscape';

/** Node colours of the chain graph; the legend reads the same table. */
export const CHAIN_COLORS = {
  caseActive: '#cf1322',
  caseClosed: '#fa8c16',
  quarantined: '#1677ff',
  released: '#52c41a',
  positive: '#722ed1',
  other: '#8c8c8c',
  hidden: '#d9d9d9',
  origin: '#fadb14',
  exposed: '#bfbfbf',
  became: '#cf1322',
} as const;

export type ChainColor = keyof typeof CHAIN_COLORS;

/** The colour key of a node from its type and status. */
export function colorOf(type: string, status: string | null | undefined): ChainColor {
  if (status === 'hidden') return 'hidden';
  if (type === 'case') return status === 'active' ? 'caseActive' : 'caseClosed';
  if (status === 'quarantined' || status === 'released' || status === 'positive') return status;
  return 'other';
}

export const CHAIN_STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(label)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '90px',
      'min-zoomed-font-size': 7,
      color: '#262626',
      width: 16,
      height: 16,
    },
  },
  {
    selector: 'node[type = "case"]',
    style: { shape: 'ellipse', width: 26, height: 26, 'font-weight': 'bold' },
  },
  { selector: 'node[type = "contact"]', style: { shape: 'round-rectangle' } },
  {
    selector: 'node.origin',
    style: { width: 38, height: 38, 'border-width': 5, 'border-color': CHAIN_COLORS.origin },
  },
  {
    selector: 'node.focus',
    style: { 'outline-width': 3, 'outline-color': '#262626', 'outline-offset': 2 },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': CHAIN_COLORS.exposed,
      'target-arrow-color': CHAIN_COLORS.exposed,
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      'arrow-scale': 0.8,
    },
  },
  {
    selector: 'edge[kind = "became"]',
    style: {
      width: 2,
      'line-style': 'dashed',
      'line-color': CHAIN_COLORS.became,
      'target-arrow-color': CHAIN_COLORS.became,
    },
  },
];

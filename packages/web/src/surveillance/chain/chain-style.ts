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
  searched: '#fa541c',
} as const;

export type ChainColor = keyof typeof CHAIN_COLORS;

/** The colour key of a node from its type and status. */
export function colorOf(type: string, status: string | null | undefined): ChainColor {
  if (status === 'hidden') return 'hidden';
  if (type === 'case') return status === 'active' ? 'caseActive' : 'caseClosed';
  if (status === 'quarantined' || status === 'released' || status === 'positive') return status;
  return 'other';
}

/** Size of names on the canvas at zoom 1; the first view keeps them at 11 px or more. */
export const LABEL_FONT_SIZE = 12;

/**
 * Node data: `kind` is case, contact or fold (a count of folded contacts); `hidden` is 1 for the
 * anonymous groups of other jurisdictions. Labels fade out below a readable zoom, except on the
 * origin, the case the page is about and the person searched for.
 */
export const CHAIN_STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(label)',
      'font-size': LABEL_FONT_SIZE,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'wrap',
      'text-max-width': '100px',
      // Below 9 px on screen a name is noise: hidden until the user zooms in.
      'min-zoomed-font-size': 9,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      color: '#262626',
      width: 16,
      height: 16,
    },
  },
  {
    selector: 'node[kind = "case"]',
    style: { shape: 'ellipse', width: 26, height: 26, 'font-weight': 'bold' },
  },
  { selector: 'node[kind = "contact"]', style: { shape: 'round-rectangle' } },
  {
    selector: 'node[kind = "fold"]',
    style: {
      shape: 'round-rectangle',
      width: 62,
      height: 24,
      'background-color': '#f0f5ff',
      'border-width': 1,
      'border-color': '#85a5ff',
      color: '#1d39c4',
      'font-weight': 'bold',
      'text-valign': 'center',
      'text-margin-y': 0,
      'text-background-opacity': 0,
    },
  },
  {
    selector: 'node[kind = "fold"].open',
    style: { 'background-color': '#ffffff', 'border-style': 'dashed' },
  },
  {
    selector: 'node.origin',
    style: {
      width: 38,
      height: 38,
      'border-width': 5,
      'border-color': CHAIN_COLORS.origin,
      'min-zoomed-font-size': 0,
    },
  },
  {
    selector: 'node.focus',
    style: { 'outline-width': 3, 'outline-color': '#262626', 'outline-offset': 2, 'min-zoomed-font-size': 0 },
  },
  {
    selector: 'node.searched',
    style: {
      'outline-width': 4,
      'outline-color': CHAIN_COLORS.searched,
      'outline-offset': 3,
      'font-size': 14,
      'min-zoomed-font-size': 0,
      'text-background-color': '#fff7e6',
      'text-background-opacity': 1,
      'z-index': 10,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': CHAIN_COLORS.exposed,
      'target-arrow-color': CHAIN_COLORS.exposed,
      'target-arrow-shape': 'triangle',
      'curve-style': 'straight',
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
  {
    selector: 'edge[kind = "fold"]',
    style: { 'line-style': 'dotted', 'line-color': '#85a5ff', 'target-arrow-shape': 'none' },
  },
];

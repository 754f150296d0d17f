import type cytoscape from 'cytoscape';
import type { Chain } from '../shared/types.ts';

/** Above this many nodes the graph skips animation and places nodes by generation directly. */
export const LARGE_CHAIN = 2000;

const CELL = 44;
const BAND_GAP = 120;

/**
 * Each generation is a band of rows, wrapped at a width that keeps the whole picture about as wide
 * as a screen: linear time, for chains too big for breadthfirst.
 */
function positionsByGeneration(chain: Chain): cytoscape.NodePositionMap {
  const columns = Math.max(10, Math.ceil(Math.sqrt(chain.nodes.length) * 1.6));
  const bands = new Map<number, string[]>();
  for (const node of chain.nodes) {
    const band = bands.get(node.generation);
    if (band) band.push(node.id);
    else bands.set(node.generation, [node.id]);
  }
  const positions: cytoscape.NodePositionMap = {};
  let top = 0;
  for (const generation of [...bands.keys()].sort((a, b) => a - b)) {
    const ids = bands.get(generation) ?? [];
    const width = Math.min(ids.length, columns);
    ids.forEach((id, index) => {
      const row = Math.floor(index / columns);
      const column = index % columns;
      positions[id] = { x: (column - (width - 1) / 2) * CELL, y: top + row * CELL };
    });
    top += Math.ceil(ids.length / columns) * CELL + BAND_GAP;
  }
  return positions;
}

/** A directed breadthfirst tree from the first generation down; a fast preset for large chains. */
export function chainLayout(chain: Chain): cytoscape.LayoutOptions {
  if (chain.nodes.length > LARGE_CHAIN) {
    return {
      name: 'preset',
      positions: positionsByGeneration(chain),
      fit: true,
      padding: 24,
      animate: false,
    };
  }
  const roots = chain.nodes
    .filter((node) => node.type === 'case' && node.generation === 0)
    .map((node) => node.id);
  return {
    name: 'breadthfirst',
    directed: true,
    roots: roots.length > 0 ? roots : undefined,
    spacingFactor: 1.1,
    avoidOverlap: true,
    fit: true,
    padding: 24,
    animate: chain.nodes.length <= 300,
    animationDuration: 400,
  };
}

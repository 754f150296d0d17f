import type { Chain, ChainNode } from '../shared/types.ts';

/**
 * The layered layout of a transmission chain, computed here rather than by a force layout so that
 * a chain of 3,000 people is placed in milliseconds and always the same way.
 *
 * Generation g is a band of two rows: the contacts (F1) of generation g-1's cases, then the cases
 * of generation g. Every node hangs under its source (a contact under the case it was exposed to,
 * a case under the contact record it became), and sibling subtrees are packed side by side against
 * each other's outline, row by row, so that edges stay between a node and the band just below it.
 * The contacts of a case that did not become cases are folded into one count node ("12 F1") until
 * expanded; expanded, they sit in a grid under the case, so a case with 40 contacts is not a
 * 40-node-wide row. A contact who became a case is drawn without a name (the case just below has
 * it), so a row of such links stays shallow.
 */

/** Horizontal room of a person node: its label wraps within this (see chain-style.ts). */
export const SLOT = 108;
/** Horizontal room of a folded count node. */
export const FOLD_SLOT = 76;
/** Vertical distance from a row of named nodes to the next row. */
export const ROW = 64;
/** From a row without names under its nodes (contacts who became the case below, counts). */
export const QUIET_ROW = 40;
/** Vertical distance between the rows of an expanded grid of contacts. */
export const GRID_ROW = 64;

export interface Fold {
  /** The case (or anonymous group of cases) whose contacts are folded. */
  of: string;
  /** People behind the count (an anonymous group counts its members). */
  count: number;
  /** The folded nodes, in the order they are drawn when expanded. */
  members: string[];
}

/** The structure of a chain, computed once per chain; positions come from `chainView`. */
export interface ChainTree {
  nodes: Map<string, ChainNode>;
  /** Drawing order of each node's children (contacts that became cases, the cases they became). */
  children: Map<string, string[]>;
  /** Subtrees drawn from the top, left to right. */
  roots: string[];
  /** Folds by the id of their count node (`fold:<case id>`). */
  folds: Map<string, Fold>;
  /** The count node a folded contact is hidden behind. */
  foldOf: Map<string, string>;
  /** Contacts drawn without their name: they became the case just below, which carries it. */
  unnamed: Set<string>;
  edges: Chain['edges'];
}

export const foldId = (caseId: string) => `fold:${caseId}`;

/** Row of a node: contacts of generation g above the cases of generation g. */
function rowOf(node: ChainNode): number {
  return node.type === 'case' ? 2 * node.generation : 2 * node.generation - 1;
}

const names = new Intl.Collator('vi');

function byDateThenName(nodes: Map<string, ChainNode>) {
  return (a: string, b: string) => {
    const x = nodes.get(a);
    const y = nodes.get(b);
    const on = (x?.on ?? '') < (y?.on ?? '') ? -1 : (x?.on ?? '') > (y?.on ?? '') ? 1 : 0;
    return on || names.compare(x?.label ?? '', y?.label ?? '');
  };
}

/** Who hangs under whom, and which contacts fold into a count. */
export function chainTree(chain: Chain): ChainTree {
  const nodes = new Map(chain.nodes.map((node) => [node.id, node]));
  const edges = chain.edges.filter(
    (e) => nodes.has(e.source) && nodes.has(e.target) && e.source !== e.target,
  );
  // The first source of each node: an anonymous group may have several.
  const parent = new Map<string, string>();
  const becomes = new Set<string>();
  for (const edge of edges) {
    const target = nodes.get(edge.target)!;
    if (edge.kind === 'became') becomes.add(edge.source);
    const fits = edge.kind === 'exposed' ? target.type === 'contact' : target.type === 'case';
    if (fits && !parent.has(edge.target)) parent.set(edge.target, edge.source);
  }
  const order = byDateThenName(nodes);
  const under = new Map<string, string[]>();
  for (const [child, source] of parent) {
    const list = under.get(source);
    if (list) list.push(child);
    else under.set(source, [child]);
  }
  const children = new Map<string, string[]>();
  const folds = new Map<string, Fold>();
  const foldOf = new Map<string, string>();
  for (const [source, list] of under) {
    const shown: string[] = [];
    const folded: string[] = [];
    for (const id of list) {
      const node = nodes.get(id)!;
      // A contact who became a case stays drawn: it is the link to that case.
      if (node.type === 'contact' && !becomes.has(id)) folded.push(id);
      else shown.push(id);
    }
    shown.sort(order);
    if (folded.length > 0) {
      folded.sort(order);
      const id = foldId(source);
      const count = folded.reduce((sum, member) => sum + (nodes.get(member)?.hidden?.count ?? 1), 0);
      folds.set(id, { of: source, count, members: folded });
      for (const member of folded) foldOf.set(member, id);
      // The count sits in the middle, right under its case when the case caused an odd number.
      shown.splice(Math.floor(shown.length / 2), 0, id);
    }
    children.set(source, shown);
  }
  // Roots: nodes without a source, earliest first; then whatever a cycle of anonymous groups hid.
  const roots = chain.nodes
    .filter((node) => !parent.has(node.id))
    .sort((a, b) => a.generation - b.generation || order(a.id, b.id))
    .map((node) => node.id);
  const reached = new Set<string>();
  const walk = (start: string) => {
    const stack = [start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (reached.has(id)) continue;
      reached.add(id);
      for (const child of children.get(id) ?? []) stack.push(child);
      const fold = folds.get(id);
      if (fold) for (const member of fold.members) reached.add(member);
    }
  };
  for (const root of roots) walk(root);
  for (const node of chain.nodes) {
    if (!reached.has(node.id)) {
      roots.push(node.id);
      walk(node.id);
    }
  }
  const unnamed = new Set<string>();
  for (const edge of edges) {
    const contact = nodes.get(edge.source)!;
    const became = nodes.get(edge.target)!;
    if (edge.kind === 'became' && parent.get(edge.target) === edge.source && contact.label === became.label) {
      unnamed.add(edge.source);
    }
  }
  return { nodes, children, roots, folds, foldOf, unnamed, edges };
}

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  /** A person, or an anonymous group of people. */
  node?: ChainNode;
  /** A count node standing for folded contacts. */
  fold?: Fold & { expanded: boolean };
  /** Drawn without a name (see `ChainTree.unnamed`). */
  unnamed?: boolean;
}

export interface PlacedEdge {
  id: string;
  source: string;
  target: string;
  /** `fold`: from a case to its count node. */
  kind: 'exposed' | 'became' | 'fold';
}

export interface ChainView {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** The box around every node's room, labels included. */
  bounds: { left: number; right: number; top: number; bottom: number };
}

/** Row → [left, right] of a subtree, relative to its root's x. */
type Outline = Map<number, [number, number]>;

interface Subtree {
  outline: Outline;
  /** Rows of height beyond one that an expanded grid needs, by row. */
  extraRows: Map<number, number>;
}

/**
 * Columns of an expanded grid of n cells: much wider than tall, so that bands stay shallow and few
 * edges from the case cross a row of names to reach the row below (7 cells: one row; 40: three).
 */
export function gridColumns(cells: number): number {
  return Math.min(cells, Math.max(4, Math.ceil(Math.sqrt(cells * 6))));
}

/** Positions of the drawn nodes, with the folds in `expanded` opened. */
export function chainView(tree: ChainTree, expanded: ReadonlySet<string>): ChainView {
  const { nodes, children, folds } = tree;
  // x of each node relative to its parent's x (roots: absolute); row of each node.
  const offset = new Map<string, number>();
  const rowOf_ = new Map<string, number>();
  const gridCell = new Map<string, { dx: number; subRow: number }>();
  const placed = new Set<string>();
  const extraRows = new Map<number, number>();

  /** Lays out a fold: one count node, or the count node and its members in a grid. */
  const foldSubtree = (id: string, row: number): Subtree => {
    const fold = folds.get(id)!;
    rowOf_.set(id, row);
    placed.add(id);
    if (!expanded.has(id)) {
      return { outline: new Map([[row, [-FOLD_SLOT / 2, FOLD_SLOT / 2]]]), extraRows: new Map() };
    }
    const cells = [id, ...fold.members];
    const columns = gridColumns(cells.length);
    const width = columns * SLOT;
    cells.forEach((cell, index) => {
      const column = index % columns;
      const subRow = Math.floor(index / columns);
      if (cell !== id) {
        rowOf_.set(cell, row);
        placed.add(cell);
      }
      gridCell.set(cell, { dx: (column + 0.5) * SLOT - width / 2, subRow });
    });
    const rows = Math.ceil(cells.length / columns);
    return { outline: new Map([[row, [-width / 2, width / 2]]]), extraRows: new Map([[row, rows - 1]]) };
  };

  /** Packs subtrees left to right, each against the outline of those before it. */
  const pack = (subtrees: Subtree[]): { shifts: number[]; outline: Outline } => {
    const outline: Outline = new Map();
    const shifts: number[] = [];
    let last = Number.NEGATIVE_INFINITY;
    for (const subtree of subtrees) {
      let shift = shifts.length === 0 ? 0 : last;
      for (const [row, [left]] of subtree.outline) {
        const taken = outline.get(row);
        if (taken) shift = Math.max(shift, taken[1] - left);
      }
      shifts.push(shift);
      last = shift;
      for (const [row, [left, right]] of subtree.outline) {
        const taken = outline.get(row);
        outline.set(
          row,
          taken ? [taken[0], Math.max(taken[1], right + shift)] : [left + shift, right + shift],
        );
      }
      for (const [row, extra] of subtree.extraRows)
        extraRows.set(row, Math.max(extraRows.get(row) ?? 0, extra));
    }
    return { shifts, outline };
  };

  const subtreeOf = (root: string): Subtree => {
    // Depth-first without recursion: chains can be hundreds of generations deep.
    const results = new Map<string, Subtree>();
    const stack: { id: string; open: boolean }[] = [{ id: root, open: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      const node = nodes.get(top.id)!;
      const kids = children.get(top.id) ?? [];
      if (!top.open) {
        placed.add(top.id);
        rowOf_.set(top.id, rowOf(node));
        stack.push({ id: top.id, open: true });
        // Reversed, so that the first child is laid out first.
        for (const kid of [...kids].reverse()) {
          if (!folds.has(kid) && !placed.has(kid)) stack.push({ id: kid, open: false });
        }
        continue;
      }
      const row = rowOf(node);
      const subtrees = kids
        .filter((kid) => folds.has(kid) || results.has(kid))
        .map((kid) => ({ kid, subtree: folds.has(kid) ? foldSubtree(kid, row + 1) : results.get(kid)! }));
      const own: Subtree = { outline: new Map([[row, [-SLOT / 2, SLOT / 2]]]), extraRows: new Map() };
      if (subtrees.length === 0) {
        results.set(top.id, own);
        continue;
      }
      const { shifts, outline } = pack(subtrees.map((s) => s.subtree));
      const middle = (shifts[0] + shifts[shifts.length - 1]) / 2;
      for (const [index, { kid }] of subtrees.entries()) offset.set(kid, shifts[index] - middle);
      const merged: Outline = new Map([[row, [-SLOT / 2, SLOT / 2]]]);
      for (const [r, [left, right]] of outline) {
        const mine = merged.get(r);
        merged.set(
          r,
          mine
            ? [Math.min(mine[0], left - middle), Math.max(mine[1], right - middle)]
            : [left - middle, right - middle],
        );
      }
      for (const { kid } of subtrees) results.delete(kid);
      results.set(top.id, { outline: merged, extraRows: new Map() });
    }
    return results.get(root)!;
  };

  const rootTrees = tree.roots
    .filter((root) => !placed.has(root))
    .map((root) => ({ root, subtree: subtreeOf(root) }));
  const { shifts } = pack(rootTrees.map((r) => r.subtree));
  const middle = shifts.length > 0 ? (shifts[0] + shifts[shifts.length - 1]) / 2 : 0;
  for (const [index, { root }] of rootTrees.entries()) offset.set(root, shifts[index] - middle);

  // y of each row: rows below an expanded grid move down by the grid's extra rows; rows without
  // names under their nodes are shallow.
  const named = new Set<number>();
  for (const [id, row] of rowOf_) if (nodes.has(id) && !tree.unnamed.has(id)) named.add(row);
  const rows = [...new Set(rowOf_.values())].sort((a, b) => a - b);
  const yOfRow = new Map<number, number>();
  let y = 0;
  for (const row of rows) {
    yOfRow.set(row, y);
    y += (named.has(row) ? ROW : QUIET_ROW) + (extraRows.get(row) ?? 0) * GRID_ROW;
  }

  // Absolute x: parents before children, in the order they were packed.
  const x = new Map<string, number>();
  const placedNodes: PlacedNode[] = [];
  const bounds = { left: 0, right: 0, top: 0, bottom: 0 };
  let first = true;
  const place = (id: string, at: number, row: number, extra: Partial<PlacedNode>) => {
    const cell = gridCell.get(id);
    const nodeX = at + (cell?.dx ?? 0);
    const nodeY = (yOfRow.get(row) ?? 0) + (cell?.subRow ?? 0) * GRID_ROW;
    x.set(id, nodeX);
    placedNodes.push({ id, x: nodeX, y: nodeY, ...extra });
    const half = (extra.fold && !extra.fold.expanded ? FOLD_SLOT : SLOT) / 2;
    // Room above for the origin's ring, below for a name of two lines (a count has its inside).
    const above = nodeY - 24;
    const below = nodeY + (extra.fold ? 16 : extra.unnamed ? 12 : 48);
    if (first) {
      Object.assign(bounds, { left: nodeX - half, right: nodeX + half, top: above, bottom: below });
      first = false;
    }
    bounds.left = Math.min(bounds.left, nodeX - half);
    bounds.right = Math.max(bounds.right, nodeX + half);
    bounds.top = Math.min(bounds.top, above);
    bounds.bottom = Math.max(bounds.bottom, below);
  };
  const queue = rootTrees.map(({ root }) => ({ id: root, base: 0 }));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { id, base } = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const at = base + (offset.get(id) ?? 0);
    const row = rowOf_.get(id) ?? 0;
    const fold = folds.get(id);
    if (fold) {
      const open = expanded.has(id);
      place(id, at, row, { fold: { ...fold, expanded: open } });
      if (open) for (const member of fold.members) place(member, at, row, { node: nodes.get(member) });
      continue;
    }
    place(
      id,
      at,
      row,
      tree.unnamed.has(id) ? { node: nodes.get(id), unnamed: true } : { node: nodes.get(id) },
    );
    for (const kid of children.get(id) ?? []) if (offset.has(kid)) queue.push({ id: kid, base: at });
  }

  const drawn = new Set(placedNodes.map((n) => n.id));
  const placedEdges: PlacedEdge[] = [];
  for (const edge of tree.edges) {
    if (drawn.has(edge.source) && drawn.has(edge.target)) {
      placedEdges.push({ id: `${edge.source}>${edge.target}>${edge.kind}`, ...edge });
    }
  }
  for (const [id, fold] of folds) {
    if (drawn.has(id))
      placedEdges.push({ id: `${fold.of}>${id}`, source: fold.of, target: id, kind: 'fold' });
  }
  return { nodes: placedNodes, edges: placedEdges, bounds };
}

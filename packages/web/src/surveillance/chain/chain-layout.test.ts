import { describe, expect, it } from 'vitest';
import type { Chain, ChainEdge, ChainNode } from '../shared/types.ts';
import { type ChainView, chainTree, chainView, FOLD_SLOT, foldId, SLOT } from './chain-layout.ts';
import { peopleMatching } from './chain-search.ts';
import { initialViewport, READABLE_ZOOM } from './chain-viewport.ts';

/**
 * A chain built the way the API answers: cases, each with its contacts one generation below, and
 * a `became` edge from a contact to the case it turned into.
 */
class ChainBuilder {
  nodes: ChainNode[] = [];
  edges: ChainEdge[] = [];

  case(id: string, generation: number, from?: string): this {
    this.nodes.push({ id, type: 'case', label: `Ca ${id}`, generation, status: 'active', on: '2021-08-01' });
    if (from) this.edges.push({ source: from, target: id, kind: 'became' });
    return this;
  }

  contacts(of: string, generation: number, ids: string[]): this {
    for (const id of ids) {
      this.nodes.push({
        id,
        type: 'contact',
        label: `Tiếp xúc ${id}`,
        generation,
        status: 'quarantined',
        on: '2021-08-01',
      });
      this.edges.push({ source: of, target: id, kind: 'exposed' });
    }
    return this;
  }

  /** An anonymous group of another jurisdiction's people. */
  hidden(type: 'case' | 'contact', id: string, generation: number, count: number, label = ''): this {
    this.nodes.push({
      id,
      type,
      label,
      generation,
      status: 'hidden',
      on: null,
      hidden: { count, unitName: 'Xã Mường Tè' },
    });
    return this;
  }

  chain(): Chain {
    return { origin: this.nodes[0]?.id ?? null, generations: 0, nodes: this.nodes, edges: this.edges };
  }
}

/** A → (a1 became B, a2, a3); B → (b1 became C, b2); C → (c1). */
function threeGenerations(): Chain {
  return new ChainBuilder()
    .case('A', 0)
    .contacts('A', 1, ['a1', 'a2', 'a3'])
    .case('B', 1, 'a1')
    .contacts('B', 2, ['b1', 'b2'])
    .case('C', 2, 'b1')
    .contacts('C', 3, ['c1'])
    .chain();
}

const at = (view: ChainView, id: string) => {
  const node = view.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`${id} is not drawn`);
  return node;
};

/** Pairs of nodes on the same row whose rooms overlap. */
function overlaps(view: ChainView): string[] {
  const rows = new Map<number, ChainView['nodes']>();
  for (const node of view.nodes) {
    const row = rows.get(node.y);
    if (row) row.push(node);
    else rows.set(node.y, [node]);
  }
  const found: string[] = [];
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    const room = (n: ChainView['nodes'][number]) => (n.fold && !n.fold.expanded ? FOLD_SLOT : SLOT);
    for (let i = 1; i < row.length; i++) {
      const gap = row[i].x - row[i - 1].x - (room(row[i]) + room(row[i - 1])) / 2;
      if (gap < -0.001) found.push(`${row[i - 1].id}|${row[i].id}`);
    }
  }
  return found;
}

/** A random tree of cases, each with 0–12 contacts of which some became the next cases. */
function randomChain(cases: number, seed = 7): Chain {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const builder = new ChainBuilder();
  const generation = new Map<string, number>();
  builder.case('k0', 0);
  generation.set('k0', 0);
  for (let i = 1; i < cases; i++) {
    const source = `k${Math.floor(random() * i)}`;
    const g = generation.get(source)! + 1;
    builder.contacts(source, g, [`x${i}`]);
    builder.case(`k${i}`, g, `x${i}`);
    generation.set(`k${i}`, g);
  }
  for (let i = 0; i < cases; i++) {
    const extra = Math.floor(random() * 12);
    builder.contacts(
      `k${i}`,
      generation.get(`k${i}`)! + 1,
      Array.from({ length: extra }, (_, j) => `y${i}.${j}`),
    );
  }
  return builder.chain();
}

describe('chainView', () => {
  it('puts each generation in a band below the one before: its contacts, then its cases', () => {
    const view = chainView(chainTree(threeGenerations()), new Set());
    const y = (id: string) => at(view, id).y;
    expect(y('A')).toBeLessThan(y('a1'));
    expect(y('a1')).toBeLessThan(y('B'));
    expect(y('B')).toBeLessThan(y('b1'));
    expect(y('b1')).toBeLessThan(y('C'));
    // The count nodes sit on the contacts' row of their band.
    expect(y(foldId('A'))).toBe(y('a1'));
    expect(y(foldId('B'))).toBe(y('b1'));
  });

  it('folds the contacts that did not become cases into one count per case', () => {
    const tree = chainTree(threeGenerations());
    const view = chainView(tree, new Set());
    const drawn = view.nodes.map((n) => n.id).sort();
    expect(drawn).toEqual(['A', 'B', 'C', 'a1', 'b1', 'fold:A', 'fold:B', 'fold:C'].sort());
    expect(at(view, foldId('A')).fold).toMatchObject({
      of: 'A',
      count: 2,
      members: ['a2', 'a3'],
      expanded: false,
    });
    expect(at(view, foldId('C')).fold?.count).toBe(1);
    // The contact who became a case links the two cases.
    expect(view.edges.map((e) => e.id)).toEqual(
      expect.arrayContaining(['A>a1>exposed', 'a1>B>became', 'A>fold:A']),
    );
    expect(view.edges.some((e) => e.target === 'a2')).toBe(false);
  });

  it('shows the folded contacts when their count is expanded, and hides them again', () => {
    const tree = chainTree(threeGenerations());
    const open = chainView(tree, new Set([foldId('A')]));
    expect(at(open, 'a2').y).toBe(at(open, 'a1').y);
    expect(at(open, foldId('A')).fold?.expanded).toBe(true);
    expect(open.edges.map((e) => e.id)).toEqual(expect.arrayContaining(['A>a2>exposed', 'A>a3>exposed']));
    expect(overlaps(open)).toEqual([]);
    const closed = chainView(tree, new Set());
    expect(closed.nodes.some((n) => n.id === 'a2')).toBe(false);
  });

  it('counts the people of an anonymous group of contacts, and folds them too', () => {
    const chain = new ChainBuilder()
      .case('A', 0)
      .contacts('A', 1, ['a1'])
      .hidden('contact', 'hidden:contact:03387', 1, 4)
      .chain();
    chain.edges.push({ source: 'A', target: 'hidden:contact:03387', kind: 'exposed' });
    const tree = chainTree(chain);
    expect(tree.folds.get(foldId('A'))?.count).toBe(5);
    expect(tree.foldOf.get('hidden:contact:03387')).toBe(foldId('A'));
  });

  it('centres a case over what it caused and keeps sibling subtrees apart', () => {
    const chain = new ChainBuilder()
      .case('A', 0)
      .contacts('A', 1, ['a1', 'a2', 'a3'])
      .case('B1', 1, 'a1')
      .case('B2', 1, 'a2')
      .case('B3', 1, 'a3')
      .contacts('B1', 2, ['b1'])
      .contacts('B2', 2, ['b2'])
      .contacts('B3', 2, ['b3'])
      .chain();
    const view = chainView(chainTree(chain), new Set());
    const xs = ['B1', 'B2', 'B3'].map((id) => at(view, id).x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(at(view, 'A').x).toBeCloseTo((xs[0] + xs[2]) / 2);
    // Each case's count node right under it.
    for (const id of ['B1', 'B2', 'B3']) expect(at(view, foldId(id)).x).toBeCloseTo(at(view, id).x);
    expect(overlaps(view)).toEqual([]);
  });

  it('lays out expanded contacts in a grid rather than one long row, and moves the bands below down', () => {
    const many = Array.from({ length: 40 }, (_, i) => `a${i}`);
    const chain = new ChainBuilder()
      .case('A', 0)
      .contacts('A', 1, ['z', ...many])
      .case('B', 1, 'z')
      .chain();
    const tree = chainTree(chain);
    const closed = chainView(tree, new Set());
    const open = chainView(tree, new Set([foldId('A')]));
    const width = open.bounds.right - open.bounds.left;
    expect(width).toBeLessThan(20 * SLOT);
    expect(new Set(many.map((id) => at(open, id).y)).size).toBe(3);
    expect(at(open, 'B').y).toBeGreaterThan(at(closed, 'B').y);
    expect(Math.max(...many.map((id) => at(open, id).y))).toBeLessThan(at(open, 'B').y);
    expect(overlaps(open)).toEqual([]);
  });

  it('places every node of a 3,000-person chain once, without overlaps, folded or not', () => {
    const chain = randomChain(500);
    expect(chain.nodes.length).toBeGreaterThan(3000);
    const started = performance.now();
    const tree = chainTree(chain);
    const folded = chainView(tree, new Set());
    const all = chainView(tree, new Set(tree.folds.keys()));
    // Generous: tens of milliseconds on a laptop, but test machines are shared.
    expect(performance.now() - started).toBeLessThan(2000);
    // The default drawing: cases, the contacts that became cases, and one count per case.
    expect(folded.nodes.length).toBeLessThan(1500);
    expect(new Set(folded.nodes.map((n) => n.id)).size).toBe(folded.nodes.length);
    expect(overlaps(folded)).toEqual([]);
    expect(all.nodes.length).toBe(chain.nodes.length + tree.folds.size);
    expect(overlaps(all)).toEqual([]);
  });

  it('survives a cycle through anonymous groups and a chain of several origins', () => {
    // An anonymous group of cases of two generations: its contacts lead back into it.
    const chain = new ChainBuilder()
      .case('A', 0)
      .case('A2', 0)
      .contacts('A', 1, ['a1'])
      .hidden('case', 'hidden:case:1', 1, 2)
      .chain();
    chain.edges.push({ source: 'a1', target: 'hidden:case:1', kind: 'became' });
    chain.nodes.push({ id: 'h1', type: 'contact', label: 'H1', generation: 2, status: 'positive', on: null });
    chain.edges.push({ source: 'hidden:case:1', target: 'h1', kind: 'exposed' });
    chain.edges.push({ source: 'h1', target: 'hidden:case:1', kind: 'became' });
    const view = chainView(chainTree(chain), new Set());
    expect(view.nodes.map((n) => n.id).sort()).toEqual(['A', 'A2', 'a1', 'h1', 'hidden:case:1']);
    expect(at(view, 'A').y).toBe(at(view, 'A2').y);
  });
});

describe('peopleMatching', () => {
  const chain = new ChainBuilder()
    .case('A', 0)
    .contacts('A', 1, ['a1'])
    .hidden('case', 'hidden:case:1', 0, 2, '2 ca ở Lò Văn')
    .chain();
  chain.nodes[0].label = 'Lò Văn Páo';
  chain.nodes[1].label = 'Đặng Thị Lò';

  it('finds names without diacritics, whole phrase first, never an anonymous group', () => {
    expect(peopleMatching(chain, 'lo van').map((n) => n.id)).toEqual(['A']);
    expect(peopleMatching(chain, 'dang').map((n) => n.id)).toEqual(['a1']);
    expect(peopleMatching(chain, 'LÒ').map((n) => n.id)).toEqual(['A', 'a1']);
    expect(peopleMatching(chain, '  ')).toEqual([]);
  });
});

describe('initialViewport', () => {
  const bounds = (width: number, height: number) => ({
    left: -width / 2,
    right: width / 2,
    top: 0,
    bottom: height,
  });

  it('shows a small chain whole, with names readable, in a canvas no taller than needed', () => {
    const start = initialViewport(bounds(600, 300), 1100, 700);
    expect(start.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(start.height).toBeLessThan(700);
    expect(start.height).toBeGreaterThanOrEqual(300 * start.zoom);
  });

  it('keeps names readable around the anchor when the chain is too big to fit', () => {
    const anchor = { x: 2000, y: 100 };
    const start = initialViewport(bounds(10000, 3000), 350, 630, anchor);
    expect(start.zoom).toBeCloseTo(READABLE_ZOOM);
    expect(start.height).toBe(630);
    // The anchor is on screen, and the top of the chain too.
    const screenX = anchor.x * start.zoom + start.pan.x;
    expect(screenX).toBeGreaterThan(0);
    expect(screenX).toBeLessThan(350);
    expect(start.pan.y).toBeCloseTo(16);
  });
});

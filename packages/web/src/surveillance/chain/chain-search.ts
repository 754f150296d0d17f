import { foldName } from '@tuyendau/domain';
import type { Chain, ChainNode } from '../shared/types.ts';

/**
 * The people of a chain whose name holds every word typed, without diacritics ("lo van" finds
 * "Lò Văn Páo"): names starting with the words first, then cases before contacts, then by name.
 * Anonymous groups of other jurisdictions have no name to find; `skip` leaves out contacts who
 * became a case, found as that case.
 */
export function peopleMatching(
  chain: Chain,
  typed: string,
  options: { skip?: ReadonlySet<string>; limit?: number } = {},
): ChainNode[] {
  const { skip, limit = 20 } = options;
  const words = foldName(typed).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const phrase = words.join(' ');
  const found: { node: ChainNode; rank: number }[] = [];
  for (const node of chain.nodes) {
    if (node.hidden || skip?.has(node.id)) continue;
    const name = foldName(node.label);
    if (!words.every((word) => name.includes(word))) continue;
    const rank =
      (name.startsWith(phrase) ? 0 : name.includes(phrase) ? 1 : 2) * 2 + (node.type === 'case' ? 0 : 1);
    found.push({ node, rank });
  }
  return found
    .sort((a, b) => a.rank - b.rank || a.node.label.localeCompare(b.node.label, 'vi'))
    .slice(0, limit)
    .map((f) => f.node);
}

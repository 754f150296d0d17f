import { AGE_GROUP_WORDS, type AgeGroup } from './age-groups.ts';

/** A rate (0..1) as officials write it: one decimal, a decimal comma, a percent sign ("63,4%"). */
export function formatRate(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

/** A count with dots between thousands ("27.975"). */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const DOSE_WORDS: Record<number, string> = { 1: 'mũi 1', 2: 'mũi 2', 3: 'mũi 3', 4: 'mũi 4' };

export interface CoverageLine {
  unitName: string;
  rate: number | null;
}

/**
 * The paragraph officials write about coverage, e.g. "Tỷ lệ người từ 12 tuổi đến dưới 18 tuổi
 * được tiêm mũi 3 toàn tỉnh đạt 63,4%, trong đó: TP Lai Châu 80,4%, Nậm Nhùn 75,1%, …": the child
 * units in descending order of their rate; a unit without a population (rate null) is named last.
 */
export function coverageSentence(input: {
  group: AgeGroup;
  dose: number;
  /** "toàn tỉnh", "toàn huyện", or the unit's name. */
  whole: string;
  rate: number | null;
  children: readonly CoverageLine[];
}): string {
  const subject = `Tỷ lệ ${AGE_GROUP_WORDS[input.group]} được tiêm ${DOSE_WORDS[input.dose] ?? `mũi ${input.dose}`}`;
  const head =
    input.rate === null
      ? `${subject} ${input.whole}: chưa có số liệu dân số`
      : `${subject} ${input.whole} đạt ${formatRate(input.rate)}`;
  if (input.children.length === 0) return `${head}.`;
  const ranked = [...input.children].sort(
    (a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.unitName.localeCompare(b.unitName, 'vi'),
  );
  const parts = ranked.map((c) =>
    c.rate === null ? `${c.unitName} chưa có số liệu` : `${c.unitName} ${formatRate(c.rate)}`,
  );
  return `${head}, trong đó: ${parts.join(', ')}.`;
}

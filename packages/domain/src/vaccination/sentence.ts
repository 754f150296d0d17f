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

/** A unit as the sentence needs it: its level, type (Huyện, Thành phố, Xã…) and short name. */
export interface SentenceUnit {
  level: string;
  type: string;
  shortName: string;
}

const CITY_ABBREVIATIONS: Record<string, string> = { 'Thành phố': 'TP', 'Thị xã': 'TX' };

/**
 * How officials name a unit inside the sentence: a district by its short name ("Tam Đường"), a
 * city or town with its abbreviation ("TP Lai Châu", "TX Mường Lay"), a commune with its type in
 * lower case ("phường Tân Phong", "xã San Thàng", "thị trấn Tam Đường").
 */
export function sentenceUnitName(unit: SentenceUnit): string {
  const abbreviation = CITY_ABBREVIATIONS[unit.type];
  if (unit.level === 'commune') return `${unit.type.toLocaleLowerCase('vi')} ${unit.shortName}`;
  if (abbreviation) return `${abbreviation} ${unit.shortName}`;
  if (unit.level === 'province') return `tỉnh ${unit.shortName}`;
  return unit.shortName;
}

/** "toàn tỉnh", "toàn huyện", "toàn thành phố", "toàn xã"…: the whole of the unit the sentence is about. */
export function sentenceWhole(unit: SentenceUnit): string {
  if (unit.level === 'province') return unit.type === 'Thành phố' ? 'toàn thành phố' : 'toàn tỉnh';
  return `toàn ${unit.type.toLocaleLowerCase('vi')}`;
}

/**
 * The sentence naming the units below their target, as a provincial conclusion writes it ("Tỷ lệ
 * người từ 18 tuổi trở lên được tiêm mũi 4 toàn tỉnh đạt 84,1%; chưa đạt chỉ tiêu 90,0%: Tam Đường
 * 81,5%, Sìn Hồ 75,5%, Phong Thổ 75,2%."): descending like the sentence above, each with the people
 * still to reach ("còn thiếu 1.234 người") when asked.
 */
export function laggingSentence(input: {
  group: AgeGroup;
  dose: number;
  whole: string;
  rate: number | null;
  /** The target rate (0..1) of the unit itself; null: no target set. */
  target: number | null;
  lagging: readonly (CoverageLine & { shortfall?: number })[];
}): string {
  const subject = `Tỷ lệ ${AGE_GROUP_WORDS[input.group]} được tiêm ${DOSE_WORDS[input.dose] ?? `mũi ${input.dose}`}`;
  const head =
    input.rate === null
      ? `${subject} ${input.whole}: chưa có số liệu dân số`
      : `${subject} ${input.whole} đạt ${formatRate(input.rate)}`;
  if (input.target === null) return `${head}.`;
  if (input.lagging.length === 0)
    return `${head}; tất cả các đơn vị đã đạt chỉ tiêu ${formatRate(input.target)}.`;
  const ranked = [...input.lagging].sort(
    (a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.unitName.localeCompare(b.unitName, 'vi'),
  );
  const parts = ranked.map((c) => {
    const rate = c.rate === null ? 'chưa có số liệu' : formatRate(c.rate);
    return c.shortfall
      ? `${c.unitName} ${rate} (còn thiếu ${formatCount(c.shortfall)} người)`
      : `${c.unitName} ${rate}`;
  });
  return `${head}; chưa đạt chỉ tiêu ${formatRate(input.target)}: ${parts.join(', ')}.`;
}

/** The data-cleaning sentence of a conclusion ("27.975 mũi tiêm chưa được cập nhật lên hệ thống, …"). */
export function backlogSentence(input: { unsyncedDoses: number; personsToVerify: number }): string {
  return (
    `Còn ${formatCount(input.unsyncedDoses)} mũi tiêm chưa được cập nhật lên hệ thống, ` +
    `${formatCount(input.personsToVerify)} đối tượng thông tin không chính xác chưa được xác minh làm sạch.`
  );
}

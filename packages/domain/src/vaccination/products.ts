/**
 * The Covid-19 vaccine products used in Vietnam, as policy data (rules file §4). Codes are a
 * contract (database, API, import vocabulary); names are what people read and what import files
 * write (`ten_vac_xin`), matched accent- and case-insensitively by `aliases`.
 *
 * Minimum intervals between primary doses are UNCONFIRMED in the rules file (R4.2.8: "keep a
 * per-vaccine interval table"): the values below are the manufacturers' labelled schedules as
 * published by WHO, configurable per province.
 */
export interface VaccineProduct {
  code: string;
  name: string;
  manufacturer: string;
  platform: 'mrna' | 'viral_vector' | 'inactivated' | 'protein_subunit';
  /** Doses of the primary series (tiêm đủ liều cơ bản). */
  primaryDoses: number;
  /** Minimum days between primary doses (UNCONFIRMED, see above). */
  primaryIntervalDays: number;
  /** Youngest age in completed years the product is used for. */
  minAge: number;
  /** Oldest age (exclusive) when the product is a paediatric formulation. */
  maxAgeExclusive?: number;
  /** Spellings found in files and forms. */
  aliases: string[];
  unconfirmed?: true;
}

export const VACCINE_PRODUCTS: readonly VaccineProduct[] = [
  {
    code: 'astrazeneca',
    name: 'AstraZeneca (Vaxzevria)',
    manufacturer: 'AstraZeneca',
    platform: 'viral_vector',
    primaryDoses: 2,
    primaryIntervalDays: 28, // WHO SAGE: 8–12 weeks recommended, 4 weeks minimum
    minAge: 18,
    aliases: ['AstraZeneca', 'AZ', 'Vaxzevria', 'Covishield', 'ChAdOx1'],
    unconfirmed: true,
  },
  {
    code: 'pfizer',
    name: 'Pfizer-BioNTech (Comirnaty)',
    manufacturer: 'Pfizer-BioNTech',
    platform: 'mrna',
    primaryDoses: 2,
    primaryIntervalDays: 21, // labelled schedule: 21 days
    minAge: 12,
    aliases: ['Pfizer', 'Pfizer-BioNTech', 'Comirnaty', 'BNT162b2', 'Pfizer BioNTech'],
    unconfirmed: true,
  },
  {
    code: 'pfizer_paediatric',
    name: 'Pfizer-BioNTech (Comirnaty) cho trẻ 5–11 tuổi',
    manufacturer: 'Pfizer-BioNTech',
    platform: 'mrna',
    primaryDoses: 2,
    primaryIntervalDays: 21, // the 5–11 interval is UNCONFIRMED (R4.2.6)
    minAge: 5,
    maxAgeExclusive: 12,
    aliases: ['Pfizer trẻ em', 'Pfizer nhi', 'Pfizer 5-11', 'Comirnaty 10mcg', 'Pfizer (trẻ 5-11 tuổi)'],
    unconfirmed: true,
  },
  {
    code: 'moderna',
    name: 'Moderna (Spikevax)',
    manufacturer: 'Moderna',
    platform: 'mrna',
    primaryDoses: 2,
    primaryIntervalDays: 28, // labelled schedule: 28 days
    minAge: 5,
    aliases: ['Moderna', 'Spikevax', 'mRNA-1273'],
    unconfirmed: true,
  },
  {
    code: 'sinopharm',
    name: 'Sinopharm (Vero Cell)',
    manufacturer: 'Sinopharm (Beijing Institute)',
    platform: 'inactivated',
    primaryDoses: 2,
    primaryIntervalDays: 21, // labelled schedule: 3–4 weeks
    minAge: 18,
    aliases: ['Sinopharm', 'Vero Cell', 'Verocell', 'BBIBP-CorV', 'Sinopharm Vero Cell'],
    unconfirmed: true,
  },
  {
    code: 'sputnik_v',
    name: 'Sputnik V (Gam-COVID-Vac)',
    manufacturer: 'Gamaleya',
    platform: 'viral_vector',
    primaryDoses: 2,
    primaryIntervalDays: 21, // labelled schedule: 21 days
    minAge: 18,
    aliases: ['Sputnik V', 'Sputnik', 'Gam-COVID-Vac'],
    unconfirmed: true,
  },
  {
    code: 'abdala',
    name: 'Abdala',
    manufacturer: 'CIGB (Cuba)',
    platform: 'protein_subunit',
    // Abdala's third dose belongs to its primary series (rules file §4.1, petrotimes 27/12/2021).
    primaryDoses: 3,
    primaryIntervalDays: 14, // labelled schedule: 0–14–28 days
    minAge: 18,
    aliases: ['Abdala', 'CIGB-66'],
    unconfirmed: true,
  },
  {
    code: 'hayat_vax',
    name: 'Hayat-Vax',
    manufacturer: 'G42 / Sinopharm',
    platform: 'inactivated',
    primaryDoses: 2,
    primaryIntervalDays: 21,
    minAge: 18,
    aliases: ['Hayat-Vax', 'Hayat Vax', 'HayatVax'],
    unconfirmed: true,
  },
  {
    code: 'janssen',
    name: 'Janssen (Johnson & Johnson)',
    manufacturer: 'Janssen',
    platform: 'viral_vector',
    primaryDoses: 1,
    primaryIntervalDays: 0,
    minAge: 18,
    aliases: ['Janssen', 'Johnson & Johnson', 'J&J', 'Ad26.COV2.S'],
    unconfirmed: true,
  },
];

const BY_CODE = new Map(VACCINE_PRODUCTS.map((p) => [p.code, p]));

export function vaccineProduct(code: string): VaccineProduct | undefined {
  return BY_CODE.get(code);
}

/** Accent-, case- and spacing-insensitive form of a name, for matching what files write. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim();
}

const BY_ALIAS = new Map<string, string>();
for (const p of VACCINE_PRODUCTS) {
  for (const a of [p.code, p.name, ...p.aliases]) BY_ALIAS.set(fold(a), p.code);
}

/** The product a file or form names (`Pfizer`, `AZ`, `vero cell` …), or undefined. */
export function productOfName(name: string): string | undefined {
  return BY_ALIAS.get(fold(name));
}

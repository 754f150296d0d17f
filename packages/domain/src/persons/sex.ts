/** Sex as recorded on identity papers; the CCCD number encodes it (see identity/cccd.ts). */
export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

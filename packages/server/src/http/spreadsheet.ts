/**
 * What a spreadsheet reads as the start of a formula (OWASP, CSV injection): = + - @, and a tab or
 * a carriage return, which some strip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text written to an exported cell so that no spreadsheet evaluates it: a leading `'` when it starts
 * like a formula. XLSX cells are written as strings, but a spreadsheet re-evaluates an edited cell
 * and a conversion to CSV loses the type.
 */
export function inertCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** An exported row with every text value made inert (numbers and dates stay as they are). */
export function inertRow<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? inertCell(value) : value]),
  ) as T;
}

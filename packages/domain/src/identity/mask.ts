/**
 * Hides all but the last `keep` characters: `maskTail('001090012345', 3)` → `*********345`.
 * Used to show CCCD/CMND (keep 3) and phone numbers (keep 4) to users without `person.identity`.
 */
export function maskTail(value: string, keep: number): string {
  const shown = Math.max(0, Math.min(keep, value.length));
  return '*'.repeat(value.length - shown) + value.slice(value.length - shown);
}

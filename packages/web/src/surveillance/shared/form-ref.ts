/**
 * A random id for one submission of a form, sent as `externalRef`: a phone that lost the answer
 * and sends again gets the record it already made instead of a second one. Works over plain HTTP
 * too (crypto.randomUUID needs a secure context; getRandomValues does not).
 */
export function newFormRef(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

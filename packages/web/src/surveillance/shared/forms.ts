import type { KeyboardEvent } from 'react';

/**
 * onKeyDown for long field forms: Enter in a text or date input (confirming a typed date, say)
 * must not submit a half-filled form. Text areas and the submit button keep their Enter.
 */
export function keepEnterInInputs(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}

/** A problem with input or state, as a value: a code, a message for people (Vietnamese), the field at fault. */
export interface Problem {
  code: string;
  message: string;
  field?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

import type { FormInstance } from 'antd';
import { ApiError, messageOf } from './api.ts';

/** "body/idNumber", "flags.0" or "idNumber" → the form field's name. */
function fieldOf(path: string): string | undefined {
  return path.split(/[./[\]]/).find((part) => part !== '' && part !== 'body');
}

/**
 * Shows an API error under the form fields it names (every problem the server listed), when the
 * form has those fields. Returns the message still to show elsewhere (an alert), if any.
 */
export function showOnFields(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
): string | undefined {
  if (!(error instanceof ApiError)) return messageOf(error);
  const problems =
    error.problems.length > 0 ? error.problems : [{ message: error.message, field: error.field }];
  const byField = new Map<string, string[]>();
  const elsewhere: string[] = [];
  for (const problem of problems) {
    const field = problem.field ? fieldOf(problem.field) : undefined;
    if (field && fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    else elsewhere.push(problem.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const [first] = byField.keys();
  if (first) form.scrollToField(first);
  return elsewhere.length > 0 ? elsewhere.join('; ') : undefined;
}

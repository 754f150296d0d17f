import type { FormInstance } from 'antd';
import { ApiError, messageOf } from '../../app/api.ts';

export type FieldPath = (string | number)[];

/** "body/people/2/person/idNumber" or "people.2.person.idNumber" → ["people", 2, "person", "idNumber"]. */
export function pathOf(field: string): FieldPath {
  return field
    .split(/[./[\]]/)
    .filter((part) => part !== '' && part !== 'body')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows an API error under the form fields it names, for forms with nested fields (Form.List):
 * `place` maps a server path to the form's field path, or undefined when the form has no such field.
 * Returns the messages still to show elsewhere (an alert), if any.
 */
export function showOnNestedFields(
  form: FormInstance,
  error: unknown,
  place: (path: FieldPath) => FieldPath | undefined,
): string | undefined {
  if (!(error instanceof ApiError)) return messageOf(error);
  const problems =
    error.problems.length > 0 ? error.problems : [{ message: error.message, field: error.field }];
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const elsewhere: string[] = [];
  for (const problem of problems) {
    const name = problem.field ? place(pathOf(problem.field)) : undefined;
    if (!name) {
      elsewhere.push(problem.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name);
  return elsewhere.length > 0 ? elsewhere.join('; ') : undefined;
}

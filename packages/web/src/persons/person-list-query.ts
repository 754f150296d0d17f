import type { Query } from '../app/api.ts';

/** What /persons?q=&unit= asks the API for: shared by the page and the prefetch of its first page. */
export function personListQuery(params: URLSearchParams): Query {
  return { q: (params.get('q') ?? '').trim(), unit: params.get('unit') ?? undefined };
}

import { personListQuery } from '../persons/person-list-query.ts';
import { meQuery } from './account.ts';
import { queryClient } from './query-client.ts';
import { cursorListQuery } from './use-cursor-list.ts';
import { isWideScreen } from './wide-screen.ts';

/**
 * A signed-in page opened directly (a bookmark, a reload) would otherwise load one file after the
 * other: the shell, the account, the layout, the page, the page's data. Started at once, they come
 * in parallel with the first script's parsing.
 */
const PAGES: [RegExp, () => Promise<unknown>][] = [
  [/^\/persons\/?$/, () => import('../persons/person-list-page.tsx')],
  [/^\/persons\/[0-9a-f-]{36}$/, () => import('../persons/person-page.tsx')],
  [/^\/cases\/?$/, () => import('../surveillance/cases/case-list-page.tsx')],
  [/^\/cases\/[0-9a-f-]{36}$/, () => import('../surveillance/cases/case-page.tsx')],
  [/^\/tests\/?$/, () => import('../surveillance/lab-tests/test-list-page.tsx')],
  [/^\/clusters\/?$/, () => import('../surveillance/clusters/cluster-list-page.tsx')],
  [/^\/units\/?$/, () => import('../units/unit-search-page.tsx')],
];

/** Pages that open on a list: on a wide screen a table, whose code is fetched with the page's. */
const LISTS = /^\/(persons|cases|tests|tests\/worklist|clusters|units|accounts|audit)\/?$/;

export function prefetchSignedIn(pathname: string): void {
  if (pathname.startsWith('/login')) return;
  void queryClient.prefetchQuery(meQuery);
  void import('./signed-in.tsx');
  void import('./app-layout.tsx');
  for (const [pattern, load] of PAGES) if (pattern.test(pathname)) void load();
  if (LISTS.test(pathname) && isWideScreen()) void import('./list-table.tsx');
  // The person list's first page, with the account: no wait for the page's code to ask for it.
  if (/^\/persons\/?$/.test(pathname)) {
    const query = personListQuery(new URLSearchParams(window.location.search));
    void queryClient.prefetchInfiniteQuery(cursorListQuery('/persons', query));
  }
}

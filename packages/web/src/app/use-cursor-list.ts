import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, type ListPage, type Query } from './api.ts';

/** The query of a list route read page by page with its `next` cursor (also for prefetching it). */
export function cursorListQuery<T>(path: string, query: Query) {
  return infiniteQueryOptions({
    queryKey: [path, query],
    queryFn: ({ pageParam }) => api.get<ListPage<T>>(path, { ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
  });
}

/** A list route read page by page with its `next` cursor; `items` holds every page loaded so far. */
export function useCursorList<T>(path: string, query: Query, enabled = true) {
  const result = useInfiniteQuery({ ...cursorListQuery<T>(path, query), enabled });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items };
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type ListPage, type Query } from './api.ts';

/** A list route read page by page with its `next` cursor; `items` holds every page loaded so far. */
export function useCursorList<T>(path: string, query: Query, enabled = true) {
  const result = useInfiniteQuery({
    queryKey: [path, query],
    queryFn: ({ pageParam }) => api.get<ListPage<T>>(path, { ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    enabled,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items };
}

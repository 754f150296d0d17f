import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ME_KEY } from './account.ts';
import { ApiError } from './api.ts';

/**
 * A 401 means the session ended: forget the account so the shell shows the login page. A wrong
 * password (login, password change) is a 401 too, but the session is still there.
 */
function onError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401 && error.code !== 'invalid_credentials') {
    queryClient.setQueryData(ME_KEY, null);
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !(error instanceof ApiError && error.status > 0) && failureCount < 2,
    },
  },
});

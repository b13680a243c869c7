import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ToastProvider } from '@tessera/ui/toast';
import { type ReactNode, useState } from 'react';
import { createTrpcClient, createTrpcUtils, isTrpcError, trpc, type TrpcClient, type TrpcUtils } from '../lib/trpc';

function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A session revoked elsewhere (another device, an admin) shows up as UNAUTHORIZED on the
      // next request: re-ask who is signed in, so guarded pages send the visitor to sign-in.
      onError: (error, query) => {
        if (!isTrpcError(error) || error.data?.code !== 'UNAUTHORIZED') return;
        if (JSON.stringify(query.queryKey[0]) === '["auth","me"]') return;
        void client.invalidateQueries({ queryKey: [['auth', 'me']] });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not succeed on retry; network trouble and 5xx might.
        retry: (failureCount, error) => {
          const status = isTrpcError(error) ? error.data?.httpStatus : undefined;
          if (status && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
  return client;
}

export interface AppClients {
  queryClient: QueryClient;
  trpcClient: TrpcClient;
  /** tRPC's query helpers on that QueryClient, for code outside React (route loaders). */
  utils: TrpcUtils;
}

/**
 * One QueryClient and tRPC client for the app, made before the first render so the router (its
 * loaders prefetch a page's data while the page's code loads) and the React hooks share one cache.
 */
export function createAppClients(): AppClients {
  const queryClient = createQueryClient();
  const trpcClient = createTrpcClient();
  return { queryClient, trpcClient, utils: createTrpcUtils(queryClient, trpcClient) };
}

/** QueryClient, tRPC client and toasts for everything below (new ones unless `clients` is given). */
export function AppProviders({ children, clients }: { children: ReactNode; clients?: AppClients }) {
  const [{ queryClient, trpcClient }] = useState(() => clients ?? createAppClients());
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

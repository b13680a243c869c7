import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ToastProvider } from '@tessera/ui/toast';
import { type ReactNode, useState } from 'react';
import { createTrpcClient, isTrpcError, trpc } from '../lib/trpc';

function createQueryClient() {
  return new QueryClient({
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
}

/** QueryClient, tRPC client and toasts for everything below. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createTrpcClient());
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

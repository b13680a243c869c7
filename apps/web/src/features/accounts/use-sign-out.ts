import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useToast } from '@tessera/ui/toast';
import { trpc } from '../../lib/trpc';

const meKey = JSON.stringify(['auth', 'me']);

/**
 * Forget everything cached for the signed-in user, mark the session gone and go to sign-in.
 * Used after sign-out, sign-out everywhere and revoking this device's session.
 */
export function useAfterSignOut() {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const router = useRouter();
  return async () => {
    await queryClient.cancelQueries();
    utils.auth.me.setData(undefined, null);
    // Everything except `auth.me` (now null) belonged to the previous user.
    queryClient.removeQueries({
      predicate: (query) => JSON.stringify(query.queryKey[0]) !== meKey,
    });
    await router.navigate({ to: '/sign-in', replace: true });
  };
}

/** `signOut` (this device) and `signOutEverywhere` (every session of the account). */
export function useSignOut() {
  const afterSignOut = useAfterSignOut();
  const { toast } = useToast();
  const onError = (error: { message: string }) =>
    toast({ title: 'Could not sign out', description: error.message, tone: 'error' });
  const signOut = trpc.auth.signOut.useMutation({
    onSuccess: async () => {
      await afterSignOut();
      toast({ title: 'Signed out', tone: 'success' });
    },
    onError,
  });
  const signOutEverywhere = trpc.auth.signOutEverywhere.useMutation({
    onSuccess: async ({ sessionsEnded }) => {
      await afterSignOut();
      toast({
        title: 'Signed out everywhere',
        description: `${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended, this one included.`,
        tone: 'success',
      });
    },
    onError,
  });
  return { signOut, signOutEverywhere };
}

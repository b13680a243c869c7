import type { ReactElement } from 'react';
import { Button } from '@tessera/ui/button';
import { useToast } from '@tessera/ui/toast';
import { MailWarning } from 'lucide-react';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';

/** Under the top bar for signed-in users whose address is not confirmed yet, with "Resend". */
export function VerifyEmailBanner(): ReactElement | null {
  const { user } = useSession();
  const { toast } = useToast();
  const resend = trpc.auth.resendVerification.useMutation({
    onSuccess: () =>
      toast({
        title: 'Confirmation email sent',
        description: `Check ${user?.email ?? 'your inbox'} for the link.`,
        tone: 'success',
      }),
    onError: (error) =>
      toast({ title: 'Could not send the email', description: error.message, tone: 'error' }),
  });
  if (!user || user.emailVerified) return null;
  return (
    <div
      role="region"
      aria-label="Email confirmation"
      className="border-b border-warning/30 bg-warning-soft"
    >
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 text-sm sm:px-6">
        <MailWarning aria-hidden="true" className="size-4 shrink-0 text-warning" />
        <p className="min-w-0 flex-1">
          Confirm your email address: we sent a link to{' '}
          <strong className="break-words font-medium">{user.email}</strong>.
        </p>
        <Button
          size="sm"
          variant="secondary"
          loading={resend.isPending}
          disabled={resend.isSuccess}
          onClick={() => resend.mutate()}
        >
          {resend.isSuccess ? 'Sent' : 'Resend'}
        </Button>
      </div>
    </div>
  );
}

import { Link } from '@tanstack/react-router';
import { Alert } from '@tessera/ui/alert';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { Skeleton } from '@tessera/ui/skeleton';
import { useToast } from '@tessera/ui/toast';
import { ArrowLeft, BellRing } from 'lucide-react';
import { ErrorAlert } from '../../lib/error-alert';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { PreferencesGrid } from './preferences-grid';
import { PushPermissionDenied } from './push';
import { usePushOptIn } from './use-push-opt-in';

/** `/notifications/preferences`: what to be told about, and where. */
export function NotificationPreferencesPage() {
  useDocumentTitle('Notification preferences');
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const preferences = trpc.notifications.preferences.get.useQuery();
  const update = trpc.notifications.preferences.update.useMutation({
    // The box flips at once; it flips back if the server refuses.
    onMutate: async ({ changes }) => {
      await utils.notifications.preferences.get.cancel();
      const before = utils.notifications.preferences.get.getData();
      utils.notifications.preferences.get.setData(undefined, (current) =>
        current
          ? {
              ...current,
              types: current.types.map((row) => {
                const mine = changes.filter((change) => change.type === row.type);
                if (mine.length === 0) return row;
                const channels = { ...row.channels };
                for (const change of mine) channels[change.channel] = change.enabled;
                return { ...row, channels };
              }),
            }
          : current,
      );
      return { before };
    },
    onError: (error, _input, context) => {
      if (context?.before) utils.notifications.preferences.get.setData(undefined, context.before);
      toast({ title: 'Your change was not saved', description: error.message, tone: 'error' });
    },
    onSuccess: (fresh) => utils.notifications.preferences.get.setData(undefined, fresh),
  });

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Button variant="link" size="sm" asChild className="-ml-3 px-3">
          <Link to="/notifications">
            <ArrowLeft aria-hidden="true" />
            Notifications
          </Link>
        </Button>
        <h1 className="text-2xl font-semibold tracking-tight">Notification preferences</h1>
        <p className="text-sm text-muted-foreground">
          Choose what Tessera tells you about, and where. Changes save as you make them.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Channels per event</CardTitle>
          <CardDescription>
            In-app notifications appear under the bell; email goes to your account address; browser
            push reaches this device even when Tessera is closed.
          </CardDescription>
        </CardHeader>
        <CardContent className="px-0 sm:px-0">
          {preferences.isPending ? (
            <div className="space-y-3 px-6" aria-busy="true" aria-label="Loading preferences">
              {[0, 1, 2, 3].map((row) => (
                <Skeleton key={row} className="h-10 w-full" />
              ))}
            </div>
          ) : preferences.isError ? (
            <div className="px-6">
              <ErrorAlert
                title="Could not load your preferences"
                error={preferences.error}
                onRetry={() => void preferences.refetch()}
              />
            </div>
          ) : (
            <PreferencesGrid
              rows={preferences.data.types}
              onChange={(change) => update.mutate({ changes: [change] })}
              channelNotes={{
                email: preferences.data.email.verified
                  ? undefined
                  : 'sent only once your email address is verified.',
                push:
                  preferences.data.push.subscriptions === 0
                    ? 'no browser receives push yet — turn it on below.'
                    : undefined,
              }}
            />
          )}
        </CardContent>
      </Card>

      <PushCard />
    </div>
  );
}

function PushCard() {
  const push = usePushOptIn();
  const denied = push.permission === 'denied' || push.error instanceof PushPermissionDenied;
  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle>Browser push on this device</CardTitle>
          {push.support === 'supported' && !push.checking ? (
            <Badge tone={push.subscribed ? 'success' : 'neutral'} dot>
              {push.subscribed ? 'On' : 'Off'}
            </Badge>
          ) : null}
        </div>
        <CardDescription>
          Get a system notification for the events with “Browser push” ticked above, even when no
          Tessera tab is open.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {push.support === 'unsupported' ? (
          <Alert tone="info" title="This browser cannot receive push notifications">
            Use a current Chrome, Edge, Firefox or Safari (on iPhone and iPad, add Tessera to the
            home screen first). Private windows often turn push off.
          </Alert>
        ) : push.support === 'insecure' ? (
          <Alert tone="info" title="Push needs a secure connection">
            Browsers only allow push on HTTPS sites. Open Tessera through its https:// address to
            turn it on.
          </Alert>
        ) : denied ? (
          <Alert tone="warning" title="Notifications are blocked for this site">
            Your browser is set to block notifications from Tessera. Allow them in the site settings
            (the icon left of the address), then reload this page.
          </Alert>
        ) : push.error ? (
          <ErrorAlert title="Could not change browser push" error={push.error} />
        ) : null}
        {push.support === 'supported' ? (
          <div className="flex flex-wrap items-center gap-3">
            {push.subscribed ? (
              <Button
                variant="secondary"
                loading={push.busy}
                disabled={push.checking}
                onClick={() => void push.disable()}
              >
                Turn off on this device
              </Button>
            ) : (
              <Button
                loading={push.busy}
                disabled={push.checking || denied}
                onClick={() => void push.enable()}
              >
                <BellRing aria-hidden="true" />
                Turn on browser push
              </Button>
            )}
            <p className="text-xs text-muted-foreground">
              {push.subscribed
                ? 'This browser receives push notifications.'
                : 'Your browser will ask for permission.'}
            </p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { Input } from '@tessera/ui/input';
import { useToast } from '@tessera/ui/toast';
import { Check, Copy, ExternalLink, Link2, Link2Off } from 'lucide-react';
import { useId, useState } from 'react';
import { ErrorAlert } from './error-alert';
import type { Character } from './use-character-generation';
import { sharePath, useShare } from './use-characters';

/** Turn the public read-only link on (and copy it) or off (the link stops working). */
export function SharePanel({ character }: { character: Character }) {
  const { enable, disable } = useShare(character.id);
  const { toast } = useToast();
  const [copied, setCopied] = useState(false);
  const linkId = useId();
  const shared = character.share.enabled;
  const url = character.share.shareId ? new URL(sharePath(character.share.shareId), window.location.origin).toString() : null;
  const error = enable.error ?? disable.error;

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (permissions, insecure context): select it so Ctrl+C works.
      const input = document.getElementById(linkId);
      if (input instanceof HTMLInputElement) input.select();
      toast({ title: 'Copy the selected link with Ctrl+C', tone: 'info' });
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Link2 aria-hidden="true" className="size-4 text-muted-foreground" />
          Share
        </CardTitle>
        <CardDescription>
          {shared
            ? 'Anyone with the link can read this character. Turn it off and the link stops working.'
            : 'Make a read-only public page for this character. Nothing else of yours is shown.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error ? <ErrorAlert error={error} action="Sharing" /> : null}
        {shared && url ? (
          <>
            <label htmlFor={linkId} className="text-sm font-medium">
              Public link
            </label>
            <div className="flex gap-2">
              <Input id={linkId} readOnly value={url} className="min-w-0 flex-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
              <Button variant="secondary" size="icon" aria-label="Copy public link" title="Copy link" onClick={() => void copy()}>
                {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
              </Button>
            </div>
            <p aria-live="polite" className="sr-only">
              {copied ? 'Link copied' : ''}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="ghost" size="sm" asChild>
                <a href={url} target="_blank" rel="noreferrer">
                  <ExternalLink aria-hidden="true" />
                  Open public page
                </a>
              </Button>
              <Button variant="secondary" size="sm" loading={disable.isPending} onClick={() => disable.mutate({ id: character.id })}>
                <Link2Off aria-hidden="true" />
                Stop sharing
              </Button>
            </div>
          </>
        ) : (
          <Button variant="secondary" className="self-start" loading={enable.isPending} onClick={() => enable.mutate({ id: character.id })}>
            <Link2 aria-hidden="true" />
            Create public link
          </Button>
        )}
      </CardContent>
    </Card>
  );
}

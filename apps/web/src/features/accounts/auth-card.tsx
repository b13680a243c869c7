import { Card, CardContent, CardDescription, CardHeader } from '@tessera/ui/card';
import type { ReactNode } from 'react';

/** The centred card every account page (sign-in, sign-up, reset…) sits in. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4 sm:pt-6">
      <Card>
        <CardHeader className="gap-1.5 pb-4">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
      {footer ? <div className="text-center text-sm text-muted-foreground">{footer}</div> : null}
    </div>
  );
}

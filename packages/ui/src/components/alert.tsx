import { cva, type VariantProps } from 'class-variance-authority';
import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../cn';

const alertVariants = cva('flex gap-3 rounded-lg border p-4 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0', {
  variants: {
    tone: {
      info: 'border-info/25 bg-info-soft text-foreground [&>svg]:text-info',
      success: 'border-success/25 bg-success-soft text-foreground [&>svg]:text-success',
      warning: 'border-warning/30 bg-warning-soft text-foreground [&>svg]:text-warning',
      error: 'border-error/25 bg-error-soft text-foreground [&>svg]:text-error',
    },
  },
  defaultVariants: { tone: 'info' },
});

const icons = { info: Info, success: CircleCheck, warning: TriangleAlert, error: CircleAlert } as const;

export interface AlertProps extends Omit<ComponentProps<'div'>, 'title'>, VariantProps<typeof alertVariants> {
  title?: ReactNode;
  /** Buttons shown under the message (e.g. Retry). */
  action?: ReactNode;
}

/** Inline message. Errors and warnings use role="alert" so they are announced immediately. */
export function Alert({ tone, title, action, className, children, ...props }: AlertProps) {
  const resolved = tone ?? 'info';
  const Icon = icons[resolved];
  return (
    <div
      role={resolved === 'error' || resolved === 'warning' ? 'alert' : 'status'}
      className={cn(alertVariants({ tone: resolved }), className)}
      {...props}
    >
      <Icon aria-hidden="true" />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="text-muted-foreground">{children}</div> : null}
        {action ? <div className="mt-2 flex flex-wrap gap-2">{action}</div> : null}
      </div>
    </div>
  );
}

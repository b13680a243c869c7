import { cva } from 'class-variance-authority';
import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { Toast as ToastPrimitive } from 'radix-ui';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { cn } from '../cn';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastOptions {
  title: ReactNode;
  description?: ReactNode;
  tone?: ToastTone;
  /** Milliseconds before it closes by itself; defaults to the provider's duration. */
  duration?: number;
}

interface ToastItem extends ToastOptions {
  id: number;
  open: boolean;
}

interface ToastApi {
  /** Show a toast; returns its id. */
  toast: (options: ToastOptions) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const toastVariants = cva(
  [
    'pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-surface p-4 pr-10 text-sm text-surface-foreground shadow-lg',
    'relative data-[state=open]:animate-slide-in-right data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=end]:translate-x-full',
  ],
  {
    variants: {
      tone: {
        info: 'border-border [&>svg]:text-info',
        success: 'border-success/30 [&>svg]:text-success',
        error: 'border-error/30 [&>svg]:text-error',
      },
    },
    defaultVariants: { tone: 'info' },
  },
);

const icons = { info: Info, success: CircleCheck, error: CircleAlert } as const;

let nextId = 1;

export interface ToastProviderProps {
  children: ReactNode;
  duration?: number;
}

/**
 * Renders toasts in an aria-live region (Radix Toast: F8 jumps to them, Escape dismisses, swipe
 * closes). Wrap the app once; call `useToast().toast({...})` anywhere below.
 */
export function ToastProvider({ children, duration = 5000 }: ToastProviderProps) {
  const [items, setItems] = useState<ToastItem[]>([]);

  const dismiss = useCallback((id: number) => {
    setItems((current) => current.map((item) => (item.id === id ? { ...item, open: false } : item)));
    // Leave time for the close animation before removing it from the list.
    setTimeout(() => setItems((current) => current.filter((item) => item.id !== id)), 300);
  }, []);

  const toast = useCallback((options: ToastOptions) => {
    const id = nextId++;
    setItems((current) => [...current.slice(-4), { ...options, id, open: true }]);
    return id;
  }, []);

  const api = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      <ToastPrimitive.Provider duration={duration} swipeDirection="right">
        {children}
        {items.map((item) => {
          const tone = item.tone ?? 'info';
          const Icon = icons[tone];
          return (
            <ToastPrimitive.Root
              key={item.id}
              open={item.open}
              duration={item.duration}
              type={tone === 'error' ? 'foreground' : 'background'}
              onOpenChange={(open) => {
                if (!open) dismiss(item.id);
              }}
              className={cn(toastVariants({ tone }))}
            >
              <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <div className="flex min-w-0 flex-col gap-0.5 [overflow-wrap:anywhere]">
                <ToastPrimitive.Title className="font-medium">{item.title}</ToastPrimitive.Title>
                {item.description ? (
                  <ToastPrimitive.Description className="text-muted-foreground">{item.description}</ToastPrimitive.Description>
                ) : null}
              </div>
              <ToastPrimitive.Close
                aria-label="Dismiss"
                className="absolute top-3 right-3 inline-flex size-6 items-center justify-center rounded-md text-muted-foreground outline-none hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
              >
                <X aria-hidden="true" className="size-4" />
              </ToastPrimitive.Close>
            </ToastPrimitive.Root>
          );
        })}
        {/* Top right, just under the app header (h-14): clear of the header's controls, of drawers' and
            dialogs' action buttons (at their bottoms) and of a right drawer's title and close button.
            Bottom right covered the tracker drawer's buttons. Full width on phones. */}
        <ToastPrimitive.Viewport className="pointer-events-none fixed top-14 right-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}

/** Show toasts from any component under ToastProvider. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}

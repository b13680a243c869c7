import type { ReactElement } from 'react';
import { Link } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@tessera/ui/dropdown-menu';
import { Skeleton } from '@tessera/ui/skeleton';
import { LogOut, MonitorX, ShieldCheck, UserRound } from 'lucide-react';
import { useSession } from '../../lib/session';
import { roleLabel } from '../../lib/format';
import { initialsOf } from './format';
import { useSignOut } from './use-sign-out';

/** Top-bar account control: the user menu when signed in, "Sign in" otherwise. */
export function UserMenu(): ReactElement | null {
  const { user, isLoading } = useSession();
  const { signOut, signOutEverywhere } = useSignOut();

  if (isLoading) return <Skeleton className="size-8 rounded-full" />;
  if (!user) {
    return (
      <Button size="sm" asChild>
        <Link to="/sign-in">Sign in</Link>
      </Button>
    );
  }
  const busy = signOut.isPending || signOutEverywhere.isPending;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          className="gap-2 px-1.5 sm:px-2"
          aria-label={`Account menu for ${user.name}`}
          loading={busy}
        >
          {/* Initials drawn by CSS: they are decoration, and text here would not be in the button's name. */}
          <span
            aria-hidden="true"
            data-initials={initialsOf(user.name, user.email)}
            className="flex size-7 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold text-primary before:content-[attr(data-initials)]"
          />
          <span className="hidden max-w-32 truncate text-sm lg:inline">{user.name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-64">
        <DropdownMenuLabel className="flex flex-col gap-1 py-2 text-foreground">
          <span className="flex items-center gap-2">
            <span className="truncate text-sm font-semibold">{user.name}</span>
            <Badge tone={user.role === 'admin' ? 'primary' : 'neutral'} className="ml-auto">
              {roleLabel(user.role)}
            </Badge>
          </span>
          <span className="truncate text-xs font-normal text-muted-foreground">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/account/profile">
            <UserRound aria-hidden="true" />
            Profile
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/account/security">
            <ShieldCheck aria-hidden="true" />
            Security
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => signOut.mutate()}>
          <LogOut aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
        <DropdownMenuItem tone="danger" onSelect={() => signOutEverywhere.mutate()}>
          <MonitorX aria-hidden="true" />
          Sign out everywhere
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

import type { UserRole } from '@tessera/validation/auth';
import { Activity, Briefcase, Drama, House, Shield, type LucideIcon } from 'lucide-react';

export interface NavItem {
  /** A path of the route tree in router.tsx. */
  to: string;
  label: string;
  icon: LucideIcon;
  /** Active only on this exact path (Home), not on its children. */
  exact?: boolean;
  /** Shown only to these roles (e.g. Admin); everyone when absent. */
  roles?: readonly UserRole[];
}

/**
 * The modules shown in the top bar and the mobile drawer, in order. A new module adds its route
 * in router.tsx and one line here, e.g. `{ to: '/tracker', label: 'Tracker', icon: Briefcase }`.
 */
export const navigation: readonly NavItem[] = [
  { to: '/', label: 'Home', icon: House, exact: true },
  { to: '/tracker', label: 'Tracker', icon: Briefcase },
  { to: '/characters', label: 'Characters', icon: Drama },
  { to: '/system', label: 'System status', icon: Activity },
  { to: '/admin', label: 'Admin', icon: Shield, roles: ['admin'] },
];

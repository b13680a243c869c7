import { Badge } from '@tessera/ui/badge';
import type { UserRole } from '@tessera/validation/auth';
import { roleLabel } from '../../lib/format';

export function RoleBadge({ role }: { role: UserRole }) {
  return (
    <Badge tone={role === 'admin' ? 'primary' : role === 'client' ? 'info' : 'neutral'}>
      {roleLabel(role)}
    </Badge>
  );
}

export function StatusBadge({ deactivatedAt }: { deactivatedAt: Date | string | null }) {
  return deactivatedAt ? (
    <Badge tone="danger" dot>
      Deactivated
    </Badge>
  ) : (
    <Badge tone="success" dot>
      Active
    </Badge>
  );
}

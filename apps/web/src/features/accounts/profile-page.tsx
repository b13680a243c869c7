import type { ReactElement } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@tessera/ui/card';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { useToast } from '@tessera/ui/toast';
import { updateProfileInput } from '@tessera/validation/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { formatDate, roleLabel } from '../../lib/format';
import { ChangeEmailCard } from './change-email-card';
import { PageHeader } from './page-header';

type ProfileValues = z.input<typeof updateProfileInput>;

function ProfileForm({ name }: { name: string }) {
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const [formError, setFormError] = useState<{ message: string; error: unknown } | null>(null);
  const form = useForm<ProfileValues>({
    resolver: zodResolver(updateProfileInput),
    defaultValues: { name },
  });
  const update = trpc.auth.updateProfile.useMutation({
    onSuccess: ({ user }) => {
      utils.auth.me.setData(undefined, (previous) => (previous ? { ...previous, user } : previous));
      form.reset({ name: user.name });
      toast({ title: 'Profile saved', tone: 'success' });
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['name']);
      setFormError(message ? { message, error } : null);
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        setFormError(null);
        update.mutate(values);
      })}
    >
      <CardContent className="flex flex-col gap-4">
        {formError ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
        <FormField
          label="Name"
          error={form.formState.errors.name?.message}
          description="Shown to administrators and on what you share."
        >
          <Input autoComplete="name" className="max-w-md" {...form.register('name')} />
        </FormField>
      </CardContent>
      <CardFooter className="justify-end">
        <Button type="submit" loading={update.isPending} disabled={!form.formState.isDirty}>
          Save
        </Button>
      </CardFooter>
    </form>
  );
}

/** Route `/account/profile`. */
export function ProfilePage(): ReactElement | null {
  useDocumentTitle('Profile');
  const { user } = useSession();
  if (!user) return null; // RequireSignedIn shows nothing else.
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Profile"
        description={
          <>
            Your name and email address. Sessions, password and tokens are on the{' '}
            <Link
              to="/account/security"
              className="text-primary underline underline-offset-4"
            >
              Security
            </Link>{' '}
            page.
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Your name</CardTitle>
        </CardHeader>
        <ProfileForm key={user.id} name={user.name} />
      </Card>
      <ChangeEmailCard key={user.id} email={user.email} verified={user.emailVerified} />
      <Card>
        <CardHeader>
          <CardTitle>Account</CardTitle>
          <CardDescription>Only an administrator can change your role.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted-foreground">Role</dt>
            <dd>{roleLabel(user.role)}</dd>
            <dt className="text-muted-foreground">Member since</dt>
            <dd>{formatDate(user.createdAt)}</dd>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}

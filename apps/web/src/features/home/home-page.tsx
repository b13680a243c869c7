import { Link } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { Activity, ArrowRight, Blocks, Briefcase, Code2, Drama, type LucideIcon } from 'lucide-react';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/use-document-title';

const modules: { to: string; title: string; description: string; icon: LucideIcon }[] = [
  {
    to: '/tracker',
    title: 'Tracker',
    description: 'Every job you are considering and every application on one board, with interview reminders, imports from your spreadsheet and numbers on what works.',
    icon: Briefcase,
  },
  {
    to: '/characters',
    title: 'Characters',
    description: 'Generate characters for stories and games, lock what you like and regenerate the rest.',
    icon: Drama,
  },
  {
    to: '/system',
    title: 'System status',
    description: 'Whether everything is up and running, live.',
    icon: Activity,
  },
];

/** Route `/`: the landing page of the platform. */
export function HomePage() {
  useDocumentTitle(null);
  const { user, isLoading } = useSession();
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Welcome to Tessera</h1>
        <p className="max-w-2xl text-muted-foreground">
          Keep your job search in one place: the jobs you are looking at, where each application stands, when the next
          interview is, and which of your skills employers ask for. Bring your spreadsheet along; take everything with you
          whenever you like.
        </p>
        {/* Nothing until the session is known, so a signed-in person never sees "Create an account" flash. */}
        {isLoading ? null : user ? (
          <Button asChild className="w-fit">
            <Link to="/tracker">Open your tracker</Link>
          </Button>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button asChild>
              <Link to="/sign-up">Create a free account</Link>
            </Button>
            <Button asChild variant="secondary">
              <Link to="/sign-in">Sign in</Link>
            </Button>
          </div>
        )}
      </section>

      <section aria-label="Modules" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {modules.map(({ to, title, description, icon: Icon }) => (
          <Link
            key={to}
            to={to}
            className="group rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
          >
            <Card className="h-full transition-colors group-hover:border-primary/40 group-hover:bg-subtle">
              <CardHeader>
                <span aria-hidden="true" className="mb-2 flex size-9 items-center justify-center rounded-lg bg-primary/10 text-primary">
                  <Icon className="size-4" />
                </span>
                <CardTitle className="flex items-center gap-1.5">
                  {title}
                  <ArrowRight aria-hidden="true" className="size-3.5 transition-transform group-hover:translate-x-0.5" />
                </CardTitle>
                <CardDescription>{description}</CardDescription>
              </CardHeader>
            </Card>
          </Link>
        ))}

        <Card>
          <CardHeader>
            <span aria-hidden="true" className="mb-2 flex size-9 items-center justify-center rounded-lg bg-muted text-muted-foreground">
              <Code2 className="size-4" />
            </span>
            <CardTitle>For developers</CardTitle>
            <CardDescription>
              Your data is yours to script: other TypeScript apps call the same typed API with a personal access token from
              your Security page.
            </CardDescription>
          </CardHeader>
        </Card>

        <Card>
          <CardHeader>
            <span aria-hidden="true" className="mb-2 flex size-9 items-center justify-center rounded-lg bg-muted text-muted-foreground">
              <Blocks className="size-4" />
            </span>
            <CardTitle>More modules</CardTitle>
            <CardDescription>A chatbot studio and a content manager are on the way.</CardDescription>
          </CardHeader>
          <CardContent>
            <p className="text-xs text-muted-foreground">Each one appears in the navigation once it ships.</p>
          </CardContent>
        </Card>
      </section>
    </div>
  );
}

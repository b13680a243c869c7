import { Link } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { Activity, ArrowRight, Blocks, Briefcase, Code2, Drama, type LucideIcon } from 'lucide-react';
import { useDocumentTitle } from '../../lib/use-document-title';

const modules: { to: string; title: string; description: string; icon: LucideIcon }[] = [
  {
    to: '/tracker',
    title: 'Tracker',
    description: 'Track job applications on a pipeline board, import and export them, and see what works.',
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
    description: 'Check the API, its database, migrations and this installation, live.',
    icon: Activity,
  },
];

/** Route `/`: the landing page of the platform. */
export function HomePage() {
  useDocumentTitle(null);
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-2">
        <Badge tone="info" className="w-fit">
          Platform preview
        </Badge>
        <h1 className="text-3xl font-semibold tracking-tight">Welcome to Tessera</h1>
        <p className="max-w-2xl text-muted-foreground">
          One typed platform: a tRPC API, this web app and shared packages, with types flowing from the database schema to
          the screen.
        </p>
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
            <CardTitle>Typed API</CardTitle>
            <CardDescription>
              Other TypeScript apps call the same procedures through the typed client package, with a bearer token or a
              personal access token from your Security page.
            </CardDescription>
          </CardHeader>
        </Card>

        <Card>
          <CardHeader>
            <span aria-hidden="true" className="mb-2 flex size-9 items-center justify-center rounded-lg bg-muted text-muted-foreground">
              <Blocks className="size-4" />
            </span>
            <CardTitle>More modules</CardTitle>
            <CardDescription>Studio (chatbots with RAG) and Content (a headless CMS) are on the way.</CardDescription>
          </CardHeader>
          <CardContent>
            <p className="text-xs text-muted-foreground">Each one appears in the navigation once it ships.</p>
          </CardContent>
        </Card>
      </section>
    </div>
  );
}

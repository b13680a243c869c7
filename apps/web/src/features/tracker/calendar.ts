import { postingLink } from './format';

export interface InterviewOf {
  id: string;
  title: string;
  company: string;
  location: string | null;
  jobUrl: string | null;
  nextInterviewAt: Date | string;
}

/** How long the calendar event lasts when nothing says otherwise. */
const interviewMinutes = 60;

/**
 * An application's next interview as an iCalendar file (.ics) that Google Calendar, Outlook and
 * Apple Calendar import: an hour from the interview's time (UTC, so every calendar shows it in its
 * own zone), a reminder an hour before, and links back to the application and the posting. The
 * UID is the application's, so importing it again after a change moves the event instead of
 * adding a second one. `ics` (with its validator) loads only when someone asks for a file.
 */
export async function interviewCalendarFile(application: InterviewOf, origin: string): Promise<{ filename: string; body: string }> {
  const { createEvent } = await import('ics');
  const start = new Date(application.nextInterviewAt);
  const posting = postingLink(application.jobUrl);
  const back = `${origin}/tracker?app=${application.id}`;
  const { error, value } = createEvent({
    uid: `tessera-interview-${application.id}@${new URL(origin).host}`,
    productId: 'tessera/tracker',
    title: `Interview: ${application.title} at ${application.company}`,
    start: start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: interviewMinutes },
    ...(application.location ? { location: application.location } : {}),
    description: [`Your application in Tessera: ${back}`, ...(posting ? [`Job posting: ${posting}`] : [])].join('\n'),
    url: back,
    alarms: [{ action: 'display', description: `Interview at ${application.company} in an hour`, trigger: { hours: 1, before: true } }],
  });
  if (error || !value) throw new Error(`Could not make the calendar file: ${error?.message ?? 'no content'}`);
  const slug = application.company.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'interview';
  return { filename: `interview-${slug}-${start.toISOString().slice(0, 10)}.ics`, body: value };
}

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

/** The calendar event of one interview (ics's attributes): see `interviewCalendarFile`. */
function interviewEvent(application: InterviewOf, origin: string) {
  const start = new Date(application.nextInterviewAt);
  const posting = postingLink(application.jobUrl);
  const back = `${origin}/tracker?app=${application.id}`;
  return {
    uid: `tessera-interview-${application.id}@${new URL(origin).host}`,
    productId: 'tessera/tracker',
    title: `Interview: ${application.title} at ${application.company}`,
    start: start.getTime(),
    startInputType: 'utc' as const,
    startOutputType: 'utc' as const,
    duration: { minutes: interviewMinutes },
    ...(application.location ? { location: application.location } : {}),
    description: [`Your application in Tessera: ${back}`, ...(posting ? [`Job posting: ${posting}`] : [])].join('\n'),
    url: back,
    alarms: [{ action: 'display' as const, description: `Interview at ${application.company} in an hour`, trigger: { hours: 1, before: true } }],
  };
}

const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * An application's next interview as an iCalendar file (.ics) that Google Calendar, Outlook and
 * Apple Calendar import: an hour from the interview's time (UTC, so every calendar shows it in its
 * own zone), a reminder an hour before, and links back to the application and the posting. The
 * UID is the application's, so importing it again after a change moves the event instead of
 * adding a second one. `ics` (with its validator) loads only when someone asks for a file.
 */
export async function interviewCalendarFile(application: InterviewOf, origin: string): Promise<{ filename: string; body: string }> {
  const { createEvent } = await import('ics');
  const { error, value } = createEvent(interviewEvent(application, origin));
  if (error || !value) throw new Error(`Could not make the calendar file: ${error?.message ?? 'no content'}`);
  const day = new Date(application.nextInterviewAt).toISOString().slice(0, 10);
  return { filename: `interview-${slugOf(application.company) || 'interview'}-${day}.ics`, body: value };
}

/** Every interview ahead in one calendar file (same events as one by one, so nothing is doubled). */
export async function interviewsCalendarFile(interviews: InterviewOf[], origin: string, today: Date): Promise<{ filename: string; body: string }> {
  const { createEvents } = await import('ics');
  const { error, value } = createEvents(interviews.map((interview) => interviewEvent(interview, origin)));
  if (error || !value) throw new Error(`Could not make the calendar file: ${error?.message ?? 'no content'}`);
  return { filename: `tessera-interviews-${today.toISOString().slice(0, 10)}.ics`, body: value };
}

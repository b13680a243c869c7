import { describe, expect, it } from 'vitest';
import { interviewCalendarFile, interviewsCalendarFile } from './calendar';

describe('interviewCalendarFile', () => {
  const application = {
    id: '0190d0c4-3f1e-7000-8000-000000000001',
    title: 'Backend Engineer',
    company: 'Initech, Inc.',
    location: 'Austin; TX',
    jobUrl: 'https://careers.initech.example/jobs/17',
    nextInterviewAt: '2026-12-02T14:30:00.000Z',
  };

  it('is one hour at the interview time in UTC, with a reminder and links back, escaped as iCalendar wants', async () => {
    const { filename, body } = await interviewCalendarFile(application, 'https://tessera.example.com');
    expect(filename).toBe('interview-initech-inc-2026-12-02.ics');
    // Long lines are folded at 75 octets (a continuation starts with a space): unfold to read them.
    const lines = body.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain('UID:tessera-interview-0190d0c4-3f1e-7000-8000-000000000001@tessera.example.com');
    expect(lines).toContain('DTSTART:20261202T143000Z');
    expect(lines).toContain('DURATION:PT60M');
    expect(lines).toContain('SUMMARY:Interview: Backend Engineer at Initech\\, Inc.');
    expect(lines).toContain('LOCATION:Austin\\; TX');
    expect(lines).toContain('TRIGGER:-PT1H');
    expect(lines).toContain('DESCRIPTION:Your application in Tessera: https://tessera.example.com/tracker?app=0190d0c4-3f1e-7000-8000-000000000001\\nJob posting: https://careers.initech.example/jobs/17');
  });

  it('leaves out a link that is not http(s) and a missing location', async () => {
    const { body } = await interviewCalendarFile({ ...application, location: null, jobUrl: 'javascript:alert(1)' }, 'http://localhost:3000');
    expect(body).not.toContain('javascript');
    expect(body).not.toContain('LOCATION');
  });
});

describe('interviewsCalendarFile', () => {
  it('holds one event per interview, with the same UIDs as the one-by-one files', async () => {
    const interviews = [
      { id: 'a1', title: 'Analyst', company: 'Globex', location: null, jobUrl: null, nextInterviewAt: new Date('2026-12-01T09:00:00Z') },
      { id: 'b2', title: 'Engineer', company: 'Initech', location: 'Austin', jobUrl: 'https://initech.example/1', nextInterviewAt: new Date('2026-12-03T15:00:00Z') },
    ];
    const { filename, body } = await interviewsCalendarFile(interviews, 'https://tessera.example.com', new Date('2026-11-30T12:00:00Z'));
    expect(filename).toBe('tessera-interviews-2026-11-30.ics');
    const lines = body.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'BEGIN:VCALENDAR')).toHaveLength(1);
    expect(lines).toContain('UID:tessera-interview-a1@tessera.example.com');
    expect(lines).toContain('UID:tessera-interview-b2@tessera.example.com');
    expect(lines).toContain('DTSTART:20261201T090000Z');
    expect(lines).toContain('DTSTART:20261203T150000Z');
    const single = (await interviewCalendarFile(interviews[1]!, 'https://tessera.example.com')).body.replace(/\r?\n[ \t]/g, '');
    expect(single).toContain('UID:tessera-interview-b2@tessera.example.com');
  });
});

import { describe, expect, it } from 'vitest';
import { interviewCalendarFile } from './calendar';

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

import { describe, expect, it } from 'vitest';
import { statusChangedDraft } from '../src/modules/notifications/delivery';

const event = {
  type: 'tracker.application.status_changed' as const,
  userId: 'u1',
  applicationId: 'a1',
  jobId: 'j1',
  jobTitle: 'Backend Engineer',
  company: 'Globex',
  at: new Date('2026-11-29T10:00:00Z'),
};

describe('application status notification copy', () => {
  it('a new application names its stage in a sentence (was "Your application is now offer.")', () => {
    const draft = statusChangedDraft({ ...event, from: null, to: 'offer' });
    expect(draft.title).toBe('Backend Engineer at Globex: Offer');
    expect(draft.body).toBe('New application, at the Offer stage.');
  });

  it('a move names both stages', () => {
    expect(statusChangedDraft({ ...event, from: 'applied', to: 'screening' }).body).toBe('Your application moved from Applied to Screening.');
  });
});

import { describe, expect, it } from 'vitest';
import { badgeText, bellLabel, internalLink, typeLabel } from './format';

describe('notification formatting', () => {
  it('caps the badge and labels the bell', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
    expect(bellLabel(0)).toBe('Notifications, none unread');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
  });

  it('follows only links into the app', () => {
    expect(internalLink('/tracker/applications')).toBe('/tracker/applications');
    expect(internalLink('//evil.example')).toBeNull();
    expect(internalLink('https://evil.example')).toBeNull();
    expect(internalLink(null)).toBeNull();
  });

  it("opens the API's links on the screens that show them", () => {
    const id = '0b6f3c1e-8a47-4c1b-9f0e-2d5a6b7c8d9e';
    expect(internalLink(`/tracker/applications/${id}`)).toBe(`/tracker?app=${id}`);
    expect(internalLink(`/tracker/jobs/${id}`)).toBe('/tracker/jobs');
    expect(internalLink('/settings/sessions')).toBe('/account/security');
    expect(internalLink('/notifications')).toBe('/notifications');
  });

  it("names types in the product's words", () => {
    expect(typeLabel('interview_reminder')).toBe('Interview reminders');
    expect(typeLabel('something_new')).toBe('something_new');
  });
});

import { describe, expect, it } from 'vitest';
import { afterSignInPath, safeRedirectPath } from './redirect';

describe('safeRedirectPath', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeRedirectPath('/tracker/jobs?status=open#top')).toBe('/tracker/jobs?status=open#top');
    expect(safeRedirectPath('/')).toBe('/');
  });

  it('refuses anything that could leave the site', () => {
    for (const value of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'tracker',
      '',
      '/a\nb',
      '/\t/evil.example',
      42,
      null,
      undefined,
    ]) {
      expect(safeRedirectPath(value)).toBeUndefined();
    }
  });

  it('never sends a signed-in user back to the account pages', () => {
    expect(afterSignInPath('/sign-in?redirectTo=/x')).toBe('/');
    expect(afterSignInPath('/sign-up')).toBe('/');
    expect(afterSignInPath(undefined)).toBe('/');
    expect(afterSignInPath('//evil.example')).toBe('/');
    expect(afterSignInPath('/account/security')).toBe('/account/security');
  });
});

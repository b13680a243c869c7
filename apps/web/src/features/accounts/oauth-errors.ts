/**
 * What to tell someone whose OAuth sign-in did not finish. The API redirects to
 * `/sign-in?oauthError=<reason>`; unknown reasons get the generic message.
 */
const messages: Record<string, string> = {
  access_denied: 'You cancelled the sign-in at the provider. Nothing was changed.',
  provider_error:
    'The provider reported an error. Try again, or sign in with your email and password.',
  invalid_state: 'The sign-in took too long or was started in another tab. Start again.',
  invalid_code: 'The provider’s answer could not be used (it may have expired). Start again.',
  provider_unavailable: 'The provider could not be reached. Try again in a moment.',
  no_email:
    'The provider did not share an email address with Tessera, so no account could be matched.',
  email_not_verified:
    'The provider has not verified your email address. Verify it there first, or sign up with email and password.',
  deactivated: 'This account has been deactivated. Contact an administrator.',
  unexpected: 'Something unexpected went wrong during sign-in. Try again.',
};

export function oauthErrorMessage(reason: string): string {
  return messages[reason] ?? messages.unexpected!;
}

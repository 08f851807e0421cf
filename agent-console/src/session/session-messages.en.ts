// Texts of signing out and of changing one's password, merged into the catalogue by
// i18n/messages.en.ts (kept apart only so no file passes 400 lines); translate them with it.

/** English texts of session endings and the password dialog, keyed as the catalogue expects. */
export const sessionMessages = {
  'login.notice.signedOutBecause': 'You were signed out: {reason}.',
  'signOut.reason.logged_out': 'you signed out in another window',
  'signOut.reason.deactivated': 'an admin deactivated your account',
  'signOut.reason.password_changed': 'your password was changed',
  'signOut.reason.role_changed': 'an admin changed your role',
  'signOut.reason.sessions_ended': 'an admin ended your sessions',
  'signOut.reason.tenant_switched': 'you switched to another tenant',
  'signOut.reason.tenant_suspended': 'the platform operator suspended this tenant',
  'signOut.reason.tenant_deleted': 'the platform operator deleted this tenant',
  'signOut.reason.expired': 'your session expired',
  'password.open': 'Change password',
  'password.title': 'Change your password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.newHint': 'At least {min} characters. Your other sessions will be signed out.',
  'password.confirm': 'New password again',
  'password.required': 'Enter your current password.',
  'password.mismatch': 'The two new passwords differ.',
  'password.wrongCurrent': 'The current password is not right.',
  'password.submit': 'Change password',
  'password.busy': 'Changing…',
  'password.done': 'Your password is changed; your other sessions are signed out.',
  'users.endSessions': 'End sessions of {username}',
  'users.sessionsEnded': 'Every session of {username} is ended.',
} as const;

import type { SessionUser } from '@ringside/shared';
import { t } from '../i18n/t.js';
import type { RealtimeClient } from '../realtime/socket-client.js';

/**
 * An agent signs out of the phone system before their session ends, so queue calls stop ringing
 * their phone. Resolves with the sentence to show when the server refuses (a call in progress),
 * or null to go on: without a socket the server still signs out an agent whose console stays
 * closed, so a network problem must not keep anyone from signing out.
 */
export async function signOutOfPhoneSystem(realtime: RealtimeClient, user: SessionUser): Promise<string | null> {
  if (user.role !== 'agent' || !user.agent) return null;
  const outcome = await realtime.sendCommand('logOut', {});
  if (outcome.ok) return null;
  return outcome.error.code === 'ILLEGAL_TRANSITION' || outcome.error.code === 'AGENT_BUSY' ? t('shell.signOutOnCall') : null;
}

import { isApiError } from '../api/api-error.js';
import { t } from '../i18n/t.js';

/** The user-facing sentence for any failed call; features add their own for codes they expect. */
export function errorText(err: unknown): string {
  if (!isApiError(err)) return t('error.unexpected', { code: 'CLIENT' });
  switch (err.code) {
    case 'NETWORK':
      return t('error.unreachable');
    case 'FORBIDDEN':
      return t('error.forbidden');
    case 'RATE_LIMITED':
      return err.retryAfterSeconds === null ? t('error.rateLimited') : t('error.rateLimitedWait', { seconds: err.retryAfterSeconds });
    case 'DB_UNAVAILABLE':
      return t('error.dbUnavailable');
    case 'UNAUTHENTICATED':
      return t('error.sessionExpired');
    default:
      return t('error.unexpected', { code: err.code });
  }
}

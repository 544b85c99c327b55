import { ApiError } from '../api/api-error';
import { Translate, hasMessage } from './i18n';

/**
 * What a person reads for an error of the API: by its code when we know it,
 * by its status otherwise, never the raw code or the server's own message.
 */
export function errorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.unknown', { correlation: '—' });
  const byCode = `error.${error.code}`;
  if (hasMessage(byCode)) return t(byCode, { seconds: error.retryAfterSeconds ?? 60 });
  const byStatus = `error.status.${error.status}`;
  if (hasMessage(byStatus)) return t(byStatus);
  if (error.status === 429) return t('error.REQUEST.RATE_LIMITED');
  if (error.status >= 500) return t('error.SERVICE.UNAVAILABLE');
  return t('error.unknown', { correlation: error.correlationId ?? '—' });
}

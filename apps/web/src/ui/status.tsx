import { ReactNode } from 'react';
import { errorMessage } from '../i18n/error-message';
import { useI18n } from '../i18n/i18n';
import type { Loaded } from './use-load';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorMessage(error, t)}</p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** The outcome of an action, read out by screen readers as it appears. */
export function Outcome({ outcome }: { outcome?: { ok: true; text: string } | { ok: false; error: unknown } }) {
  const { t } = useI18n();
  return (
    <div aria-live="polite" className="outcome">
      {outcome && (outcome.ok ? <p className="notice notice-ok">{outcome.text}</p> : <p className="notice notice-error" role="alert">{errorMessage(outcome.error, t)}</p>)}
    </div>
  );
}

/** Loading, error or the content, for a value being loaded. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T> & { reload: () => void }; children: (data: T) => ReactNode }) {
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  return <>{children(loaded.data)}</>;
}

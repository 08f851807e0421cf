import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SessionUser } from '@ringside/shared';
import { isApiError } from '../api/api-error.js';
import { useApi } from '../api/api-context.js';
import { t } from '../i18n/t.js';
import { errorText } from './error-text.js';
import { login } from './session-api.js';

interface LoginPageProps {
  /** Why the user sees this page (session expired, signed out, server down), already in words. */
  notice: string | null;
  onSignedIn(user: SessionUser): void;
}

function loginErrorText(err: unknown, secondsLeft: number): string {
  if (isApiError(err, 'INVALID_CREDENTIALS')) return t('login.error.invalidCredentials');
  if (isApiError(err, 'RATE_LIMITED')) {
    return secondsLeft > 0 ? t('login.error.rateLimited', { seconds: secondsLeft }) : t('login.error.rateLimitOver');
  }
  if (isApiError(err, 'INVALID_INPUT')) return t('login.error.missingFields');
  return errorText(err);
}

/** The sign-in form; rendered in place of the app at whatever URL was opened, which the app then shows. */
export function LoginPage({ notice, onSignedIn }: LoginPageProps) {
  const http = useApi();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // 'missing' is caught before any request; anything else is the failed call's error.
  const [problem, setProblem] = useState<{ missing: true } | { missing: false; error: unknown } | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  // Ticks only while a rate-limit wait is running, to count the seconds down on screen.
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= retryAt) setRetryAt(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [retryAt]);

  const secondsLeft = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || secondsLeft > 0) return;
    if (!username.trim() || !password) {
      (username.trim() ? passwordRef : usernameRef).current?.focus();
      setProblem({ missing: true });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const user = await login(http, { username: username.trim(), password });
      onSignedIn(user);
    } catch (err) {
      setBusy(false);
      setProblem({ missing: false, error: err });
      if (isApiError(err, 'RATE_LIMITED') && err.retryAfterSeconds !== null) {
        const start = Date.now();
        setNow(start);
        setRetryAt(start + err.retryAfterSeconds * 1000);
      }
      if (isApiError(err, 'INVALID_CREDENTIALS')) passwordRef.current?.select();
    }
  }

  const message =
    problem === null ? null : problem.missing ? t('login.error.missingFields') : loginErrorText(problem.error, secondsLeft);

  return (
    <main className="login" aria-labelledby={`${id}-title`}>
      <form className="login__form card" onSubmit={submit} noValidate>
        <h1 id={`${id}-title`}>{t('login.title')}</h1>
        {notice && !message && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('login.username')}</label>
          <input
            id={`${id}-username`}
            ref={usernameRef}
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('login.password')}</label>
          <input
            id={`${id}-password`}
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="alert-slot" role="alert" aria-live="assertive">
          {message && <p className="error-text">{message}</p>}
        </div>
        <button type="submit" className="button button--primary" disabled={busy || secondsLeft > 0}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { SessionUser, SignOutReason } from '@ringside/shared';
import { ApiProvider } from './api/api-context.js';
import { createHttpClient, type HttpClient } from './api/http-client.js';
import { t } from './i18n/t.js';
import { AppShell } from './layout/app-shell.js';
import { StatusPage } from './layout/status-page.js';
import { navFor, resolveRoute, routeAllows } from './routes.js';
import { navigate, useLocation } from './routing/history.js';
import { errorText } from './session/error-text.js';
import { LoginPage } from './session/login-page.js';
import { signOutOfPhoneSystem } from './session/phone-sign-out.js';
import { currentUser, logout } from './session/session-api.js';
import { RealtimeProvider } from './realtime/realtime-context.js';
import { createRealtimeClient, type RealtimeTransport } from './realtime/socket-client.js';

type Session =
  | { status: 'loading' }
  | { status: 'anonymous'; notice: string | null }
  | { status: 'signedIn'; user: SessionUser };

/** The console: owns the session and picks the page for the URL from the route table. */
export function App({ client, realtimeTransport }: { client?: HttpClient; realtimeTransport?: () => RealtimeTransport }) {
  const [http] = useState(() => client ?? createHttpClient());
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [logoutError, setLogoutError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    currentUser(http).then(
      (user) => !cancelled && setSession(user ? { status: 'signedIn', user } : { status: 'anonymous', notice: null }),
      (err: unknown) => !cancelled && setSession({ status: 'anonymous', notice: errorText(err) }),
    );
    const off = http.onUnauthenticated(() => setSession({ status: 'anonymous', notice: t('login.notice.sessionExpired') }));
    return () => {
      cancelled = true;
      off();
    };
  }, [http]);

  async function signOut(leavePhoneSystem: () => Promise<string | null>) {
    setLogoutError(null);
    const refusal = await leavePhoneSystem();
    if (refusal) {
      setLogoutError(refusal);
      return;
    }
    try {
      await logout(http);
      setSession({ status: 'anonymous', notice: t('login.notice.signedOut') });
    } catch (err) {
      setLogoutError(t('shell.signOutFailed', { reason: errorText(err) }));
    }
  }

  let content;
  if (session.status === 'loading') {
    content = (
      <main className="splash" aria-busy="true">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  } else if (session.status === 'anonymous') {
    content = <LoginPage notice={session.notice} onSignedIn={(user) => setSession({ status: 'signedIn', user })} />;
  } else {
    content = (
      // Keyed by tenant: a switch remounts everything signed in (socket, pages), so nothing of the old tenant stays.
      <SignedIn
        key={session.user.tenant.id}
        user={session.user}
        onTenantSwitched={(user) => {
          // The page open may not exist for the role in the other tenant: start from its home.
          navigate('/', { replace: true });
          setSession({ status: 'signedIn', user });
        }}
        logoutError={logoutError}
        onLogout={(leavePhoneSystem) => void signOut(leavePhoneSystem)}
        onSocketUnauthenticated={() => setSession({ status: 'anonymous', notice: t('login.notice.sessionExpired') })}
        onSignedOut={(reason) => setSession({ status: 'anonymous', notice: t('login.notice.signedOutBecause', { reason: t(`signOut.reason.${reason}`) }) })}
        realtimeTransport={realtimeTransport}
      />
    );
  }
  return <ApiProvider client={http}>{content}</ApiProvider>;
}

interface SignedInProps {
  user: SessionUser;
  logoutError: string | null;
  /** Signs out; `leavePhoneSystem` runs first and returns why the sign-out cannot go ahead, if it cannot. */
  onLogout(leavePhoneSystem: () => Promise<string | null>): void;
  onSocketUnauthenticated(): void;
  /** The server ended this session (deactivated, password or role changed, expired…). */
  onSignedOut(reason: SignOutReason): void;
  realtimeTransport: (() => RealtimeTransport) | undefined;
  onTenantSwitched(user: SessionUser): void;
}

function SignedIn({ user, logoutError, onLogout, onSocketUnauthenticated, onSignedOut, realtimeTransport, onTenantSwitched }: SignedInProps) {
  const { pathname } = useLocation();
  const expired = useRef(onSocketUnauthenticated);
  expired.current = onSocketUnauthenticated;
  // The old socket is told 'tenant_switched' as the switch lands: this console remounts in the new tenant, it is no sign-out.
  const ended = useRef((reason: SignOutReason) => reason !== 'tenant_switched' && onSignedOut(reason));
  ended.current = (reason) => reason !== 'tenant_switched' && onSignedOut(reason);
  // One socket per signed-in session: it opens with the console and closes on sign-out.
  const [realtime] = useState(() =>
    createRealtimeClient({ ...(realtimeTransport ? { transport: realtimeTransport } : {}), onUnauthenticated: () => expired.current(), onSignedOut: (reason) => ended.current(reason) }),
  );
  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);
  const nav = navFor(user.role, user);
  const home = nav[0]?.pattern ?? null;
  const resolved = resolveRoute(pathname);
  const allowed = resolved !== null && routeAllows(resolved.route, user);

  useEffect(() => {
    if (pathname === '/' && home) navigate(home, { replace: true });
  }, [pathname, home]);

  // Moving focus to the new page tells screen-reader users that the page changed.
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  const titleKey = resolved ? (allowed ? resolved.route.titleKey : 'page.forbidden.title') : 'page.notFound.title';
  useEffect(() => {
    document.title = t('app.documentTitle', { page: t(titleKey) });
  }, [titleKey]);

  let page;
  if (pathname === '/' && home) page = null;
  else if (!resolved) page = <StatusPage titleKey="page.notFound.title" bodyKey="page.notFound.body" home={home} />;
  else if (!allowed) page = <StatusPage titleKey="page.forbidden.title" bodyKey="page.forbidden.body" home={home} />;
  else page = resolved.route.render(resolved.params, user);

  return (
    <RealtimeProvider client={realtime}>
      <AppShell user={user} nav={nav} pathname={pathname} logoutError={logoutError} onTenantSwitched={onTenantSwitched} onLogout={() => onLogout(() => signOutOfPhoneSystem(realtime, user))} mainRef={mainRef}>
        {page}
      </AppShell>
    </RealtimeProvider>
  );
}

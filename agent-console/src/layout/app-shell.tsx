import { useState, type ReactNode, type Ref } from 'react';
import type { SessionUser } from '@ringside/shared';
import { useApi } from '../api/api-context.js';
import { useConnectionState } from '../realtime/realtime-context.js';
import { t, type PlainMessageKey } from '../i18n/t.js';
import { Link } from '../routing/link.js';
import { ChangePasswordDialog } from '../session/change-password-dialog.js';
import type { RouteDefinition } from '../routing/route-definition.js';
import { ConnectionIndicator } from './connection-indicator.js';
import { TenantSwitcher } from './tenant-switcher.js';
import { useReadiness } from './use-readiness.js';

interface AppShellProps {
  user: SessionUser;
  nav: RouteDefinition[];
  pathname: string;
  logoutError: string | null;
  onLogout(): void;
  /** The session moved to another tenant: the app reloads its state as that user. */
  onTenantSwitched(user: SessionUser): void;
  mainRef: Ref<HTMLElement>;
  children: ReactNode;
}

const ROLE_KEYS = { agent: 'role.agent', supervisor: 'role.supervisor', admin: 'role.admin' } as const satisfies Record<
  SessionUser['role'],
  PlainMessageKey
>;

function isActive(pattern: string, pathname: string): boolean {
  return pathname === pattern || pathname.startsWith(`${pattern}/`);
}

/** Header (who, connection, sign out), the role's nav, and the page. */
export function AppShell({ user, nav, pathname, logoutError, onLogout, onTenantSwitched, mainRef, children }: AppShellProps) {
  const http = useApi();
  const readiness = useReadiness(http);
  const socket = useConnectionState();
  const [changingPassword, setChangingPassword] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToMain')}
      </a>
      <header className="shell__header">
        <span className="brand">{t('app.name')}</span>
        <nav className="shell__nav" aria-label={t('shell.navLabel')}>
          <ul>
            {nav.map((r) => {
              const active = isActive(r.pattern, pathname);
              return (
                <li key={r.pattern}>
                  <Link to={r.pattern} aria-current={active ? 'page' : undefined}>
                    {t(r.navKey ?? r.titleKey)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <ConnectionIndicator state={readiness} socket={socket} />
        <div className="shell__user">
          <TenantSwitcher user={user} onSwitched={onTenantSwitched} />
          <span>
            {t('shell.signedInAs', { name: user.displayName, role: t(ROLE_KEYS[user.role]) })}
            {user.agent && <> · {t('shell.extension', { extension: user.agent.extension })}</>}
          </span>
          <button type="button" className="button" onClick={() => setChangingPassword(true)}>
            {t('password.open')}
          </button>
          <button type="button" className="button" onClick={onLogout}>
            {t('shell.signOut')}
          </button>
        </div>
        <div role="alert" className="shell__alert">
          {logoutError && <p className="error-text">{logoutError}</p>}
        </div>
        <div role="status" className="shell__alert">
          {notice && <p className="ok-text">{notice}</p>}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="shell__main">
        {children}
      </main>
      {changingPassword && (
        <ChangePasswordDialog
          onClose={() => setChangingPassword(false)}
          onChanged={() => {
            setChangingPassword(false);
            setNotice(t('password.done'));
          }}
        />
      )}
    </div>
  );
}

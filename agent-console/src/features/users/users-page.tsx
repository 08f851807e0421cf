import { useEffect, useState } from 'react';
import type { ManagedUser } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { useList } from '../../api/use-list.js';
import { UserCreateForm } from './user-create-form.js';
import { UserEditDialog } from './user-edit-dialog.js';
import { errorText } from '../../session/error-text.js';
import { endSessions, listPhones, listUsers, type PhoneChoice } from './users-api.js';

const ROLE_KEYS = { agent: 'role.agent', supervisor: 'role.supervisor', admin: 'role.admin' } as const;

/** Users: the list, a create form, and an edit dialog per user. */
export function UsersPage({ currentUserId }: { currentUserId: string }) {
  const http = useApi();
  const { state, setState, reload: load } = useList(listUsers);
  const [phones, setPhones] = useState<PhoneChoice[]>([]);
  const [editing, setEditing] = useState<ManagedUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function endSessionsOf(user: ManagedUser) {
    setNotice(null);
    setFailure(null);
    try {
      await endSessions(http, user.id);
      setNotice(t('users.sessionsEnded', { username: user.username }));
    } catch (err) {
      setFailure(errorText(err));
    }
  }

  useEffect(() => {
    const abort = new AbortController();
    void listPhones(http, abort.signal).then((p) => !abort.signal.aborted && setPhones(p));
    return () => abort.abort();
  }, [http]);

  return (
    <section className="page" aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <div role="status" className="alert-slot">
        {notice && <p className="ok-text">{notice}</p>}
      </div>
      <div role="alert" className="alert-slot">
        {failure && <p className="error-text">{failure}</p>}
      </div>
      {state.status === 'loading' && <p role="status">{t('users.loading')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <div className="table-scroll">
          <table className="table users">
            <caption className="visually-hidden">{t('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.phone')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'users__inactive'}>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>{t(ROLE_KEYS[u.role])}</td>
                  <td>{u.active ? t('users.active') : t('users.inactive')}</td>
                  <td>{u.agent ? t('users.phoneValue', { extension: u.agent.extension, endpoint: u.agent.endpoint }) : t('users.noPhone')}</td>
                  <td>
                    <button type="button" className="button" onClick={() => setEditing(u)}>
                      {t('users.edit', { username: u.username })}
                    </button>{' '}
                    {u.id !== currentUserId && (
                      <button type="button" className="button" onClick={() => void endSessionsOf(u)}>
                        {t('users.endSessions', { username: u.username })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <UserCreateForm
        phones={phones}
        onCreated={(username) => {
          setNotice(t('users.created', { username }));
          void load();
        }}
      />
      {editing && (
        <UserEditDialog
          user={editing}
          isSelf={editing.id === currentUserId}
          phones={phones}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('users.saved', { username: saved.username }));
            setState((s) => (s.status === 'ready' ? { ...s, items: s.items.map((u) => (u.id === saved.id ? saved : u)) } : s));
          }}
        />
      )}
    </section>
  );
}

import type { LoginRequest, PasswordChangeRequest, SessionUser } from '@ringside/shared';
import { isApiError } from '../api/api-error.js';
import type { HttpClient } from '../api/http-client.js';

/** Signs in; the server sets the httpOnly session cookie. */
export async function login(http: HttpClient, credentials: LoginRequest): Promise<SessionUser> {
  const { user } = await http.post<{ user: SessionUser }>('/api/auth/login', credentials, { signalUnauthenticated: false });
  return user;
}

/** Ends the session on the server; an already-expired session counts as signed out. */
export async function logout(http: HttpClient): Promise<void> {
  try {
    await http.post<void>('/api/auth/logout', undefined, { signalUnauthenticated: false });
  } catch (err) {
    if (!isApiError(err, 'UNAUTHENTICATED')) throw err;
  }
}

/** The user of the cookie's session, or null when there is none. */
export async function currentUser(http: HttpClient): Promise<SessionUser | null> {
  try {
    const { user } = await http.get<{ user: SessionUser }>('/api/auth/me', { signalUnauthenticated: false });
    return user;
  } catch (err) {
    if (isApiError(err, 'UNAUTHENTICATED')) return null;
    throw err;
  }
}

/** Changes the signed-in user's password; WRONG_PASSWORD when the current one is not right. */
export async function changePassword(http: HttpClient, body: PasswordChangeRequest): Promise<void> {
  await http.post<void>('/api/auth/password', body);
}

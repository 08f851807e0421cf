import type { DialPlanDraftReply, ManagedUser, UserCreateRequest, UserListReply, UserPatchRequest, UserReply } from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';

/** Every user, for the admin list. */
export async function listUsers(http: HttpClient, signal?: AbortSignal): Promise<ManagedUser[]> {
  const { items } = await http.get<UserListReply>('/api/users', signal ? { signal } : {});
  return items;
}

/** Creates a user (CONFLICT when the username is taken). */
export async function createUser(http: HttpClient, body: UserCreateRequest): Promise<void> {
  await http.post<UserReply>('/api/users', body);
}

/** Changes some of a user's fields; `agent: null` removes the phone assignment. */
export async function updateUser(http: HttpClient, id: string, patch: UserPatchRequest): Promise<ManagedUser> {
  const { user } = await http.patch<UserReply>(`/api/users/${encodeURIComponent(id)}`, patch);
  return user;
}

/** Ends every session of a user; their open consoles are signed out. */
export async function endSessions(http: HttpClient, id: string): Promise<void> {
  await http.post<void>(`/api/users/${encodeURIComponent(id)}/sessions/end`);
}

/** A phone of the dial plan an agent can be given. */
export interface PhoneChoice {
  extension: string;
  displayName: string;
}

/**
 * The phones of the dial-plan draft, offered as suggestions when assigning an agent's phone. A
 * failure only loses the suggestions, so it resolves to an empty list.
 */
export async function listPhones(http: HttpClient, signal?: AbortSignal): Promise<PhoneChoice[]> {
  try {
    const { draft } = await http.get<DialPlanDraftReply>('/api/dialplan/draft', signal ? { signal } : {});
    return (draft.endpoints ?? []).map((e) => ({ extension: e.extension, displayName: e.displayName }));
  } catch {
    return [];
  }
}

import { createHmac, randomBytes } from 'node:crypto';
import { RingsideError, SESSION_COOKIE, loginRequestSchema, parseInput, passwordChangeSchema, switchTenantRequestSchema, type SessionUser } from '@ringside/shared';
import type { LoginAttemptLimiter } from './login-rate-limiter.js';
import { hashPassword, verifyPassword } from './password.js';
import { readCookie } from './session-cookie.js';
import type { SessionEndings } from './session-endings.js';
import type { SessionRepository } from './session-repository.js';
import type { UserRepository } from './user-repository.js';
import type { AgentRepository } from './agent-repository.js';

export interface AuthServiceOptions {
  /** Key the session tokens are hashed with, so a copy of the sessions table cannot be replayed or checked offline. */
  sessionSecret: string;
  sessionTtlHours: number;
  now?: () => Date;
  /** Told of every session this service ends, so their sockets are disconnected. */
  endings?: SessionEndings;
  /**
   * Failed logins per source address, whatever the username: one password sprayed over many
   * usernames from one address is slowed too. Never reset by a success (one valid account of
   * the attacker's must not wipe the count); its limit is higher than the per-user one, for
   * offices behind one NAT address.
   */
  addressLimiter?: LoginAttemptLimiter;
}

/** A live session as the socket gateway needs it: the room key (never the token) and when it runs out. */
export interface SocketSession {
  user: SessionUser;
  tokenHash: string;
  expiresAt: Date;
}

/** A fresh login: the user and the token that goes into the cookie. */
export interface LoginResult {
  user: SessionUser;
  token: string;
  expiresAt: Date;
}

const BAD_CREDENTIALS = 'wrong username or password';

/** Login, logout and session resolution for REST and the Socket.IO handshake. */
export class AuthService {
  private readonly now: () => Date;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly limiter: LoginAttemptLimiter,
    private readonly options: AuthServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  get sessionTtlSeconds(): number {
    return Math.round(this.options.sessionTtlHours * 3600);
  }

  /**
   * Verifies the password in constant time (scrypt runs for unknown users too) and opens a
   * session. Unknown user and wrong password give the same INVALID_CREDENTIALS.
   */
  async login(body: unknown, clientIp: string): Promise<LoginResult> {
    const { username, password } = parseInput(loginRequestSchema, body);
    const key = `${username.toLowerCase()}\u0000${clientIp}`;
    // A leading NUL cannot start a username (control characters are refused), so no user key equals it.
    const addressKey = `\u0000address\u0000${clientIp}`;
    const address = this.options.addressLimiter;
    await this.limiter.check(key);
    await address?.check(addressKey);
    const creds = await this.users.findCredentials(username);
    const ok = await verifyPassword(password, creds?.passwordHash ?? null);
    if (!ok || !creds || !creds.active) {
      await Promise.all([this.limiter.fail(key), address?.fail(addressKey)]);
      throw new RingsideError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    }
    await this.limiter.reset(key);
    // The session starts in the user's first active tenant; the console switches among the others.
    const [first] = await this.sessions.memberships(creds.id);
    if (!first) throw await this.noActiveTenant(creds.id);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + this.sessionTtlSeconds * 1000);
    await this.sessions.create(this.hashToken(token), creds.id, first.tenantId, expiresAt);
    const user = await this.sessions.findUser(this.hashToken(token), this.now());
    if (!user) throw new RingsideError('INTERNAL', 'session vanished right after login');
    return { user, token, expiresAt };
  }

  async logout(token: string | null): Promise<void> {
    if (!token) return;
    const tokenHash = this.hashToken(token);
    await this.sessions.delete(tokenHash);
    this.options.endings?.ended({ tokenHash, reason: 'logged_out' });
  }

  /**
   * The signed-in user changes their own password with the current one; their other sessions
   * (and sockets) end, the one making the change stays.
   */
  async changePassword(user: SessionUser, token: string | null, body: unknown): Promise<void> {
    const { currentPassword, newPassword } = parseInput(passwordChangeSchema, body);
    const creds = await this.users.findCredentials(user.username);
    if (!creds || !(await verifyPassword(currentPassword, creds.passwordHash))) throw new RingsideError('WRONG_PASSWORD', 'the current password is not right');
    await this.users.setPasswordHash(user.id, await hashPassword(newPassword));
    const keep = token ? this.hashToken(token) : undefined;
    await this.sessions.deleteOfUser(user.id, keep);
    this.options.endings?.ended({ userId: user.id, ...(keep ? { exceptTokenHash: keep } : {}), reason: 'password_changed' });
  }

  /** Moves the signed-in user's session to another tenant they belong to; their sockets reconnect into it. */
  async switchTenant(user: SessionUser, token: string | null, body: unknown): Promise<SessionUser> {
    const { tenantId } = parseInput(switchTenantRequestSchema, body);
    if (!token) throw new RingsideError('UNAUTHENTICATED', 'sign in first');
    if (!user.tenants.some((m) => m.tenantId === tenantId)) {
      const suspended = (await this.sessions.membershipStatuses(user.id)).some((m) => m.tenantId === tenantId && m.status !== 'active');
      throw suspended ? new RingsideError('TENANT_SUSPENDED', 'that tenant is suspended') : new RingsideError('NOT_A_MEMBER', 'you do not belong to that tenant');
    }
    const tokenHash = this.hashToken(token);
    await this.sessions.switchTenant(tokenHash, tenantId);
    // The sockets of this session were joined to the old tenant's rooms: they must reconnect.
    this.options.endings?.ended({ tokenHash, reason: 'tenant_switched' });
    const switched = await this.sessions.findUser(tokenHash, this.now());
    if (!switched) throw new RingsideError('NOT_A_MEMBER', 'that tenant is not available');
    return switched;
  }

  /** Why a user with a right password has no tenant to sign in to: theirs is suspended, or they belong to none. */
  private async noActiveTenant(userId: string): Promise<RingsideError> {
    const statuses = await this.sessions.membershipStatuses(userId);
    return statuses.length > 0
      ? new RingsideError('TENANT_SUSPENDED', 'your tenant is suspended; ask the platform operator')
      : new RingsideError('NOT_A_MEMBER', 'this user belongs to no active tenant; ask the platform operator');
  }

  /** Ends every session working in a tenant and their sockets (the tenant was suspended or is being deleted). */
  async endTenantSessions(tenantId: string, reason: 'tenant_suspended' | 'tenant_deleted'): Promise<void> {
    for (const tokenHash of await this.sessions.deleteOfTenant(tenantId)) this.options.endings?.ended({ tokenHash, reason });
  }

  /** The user of a live session, or null for a missing, unknown or expired token. */
  async resolve(token: string | null): Promise<SessionUser | null> {
    if (!token || token.length > 200) return null;
    return this.sessions.findUser(this.hashToken(token), this.now());
  }

  /** Resolves the session cookie of a raw Cookie header (the Socket.IO handshake has no express req). */
  sessionFromCookieHeader(cookieHeader: string | undefined): Promise<SessionUser | null> {
    return this.resolve(readCookie(cookieHeader, SESSION_COOKIE));
  }

  /** The live session of a handshake's Cookie header, with what the gateway keys its rooms and expiry timer on. */
  async socketSessionFromCookieHeader(cookieHeader: string | undefined): Promise<SocketSession | null> {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (!token || token.length > 200) return null;
    const tokenHash = this.hashToken(token);
    const found = await this.sessions.find(tokenHash, this.now());
    return found ? { ...found, tokenHash } : null;
  }

  /** The user of a session still live now, by its hash: the gateway re-checks it on every command. */
  async liveSessionUser(tokenHash: string): Promise<SessionUser | null> {
    return (await this.sessions.find(tokenHash, this.now()))?.user ?? null;
  }

  async purgeExpired(): Promise<void> {
    await this.sessions.deleteExpired(this.now());
  }

  private hashToken(token: string): string {
    return sessionTokenHash(this.options.sessionSecret, token);
  }
}

/** How a session token is stored: keyed by the session secret, so a leaked table lets no one sign in. */
export function sessionTokenHash(sessionSecret: string, token: string): string {
  return createHmac('sha256', sessionSecret).update(token).digest('hex');
}

/** Creates a user (and its agent binding) with a hashed password; used by seeding and admin tooling. */
export async function createUserWithPassword(
  repos: { users: UserRepository; agents: AgentRepository },
  user: { username: string; displayName: string; role: SessionUser['role']; password: string; agent?: { endpoint: string; extension: string }; platformOperator?: boolean },
): Promise<{ id: string }> {
  const created = await repos.users.create({
    username: user.username,
    displayName: user.displayName,
    passwordHash: await hashPassword(user.password),
    ...(user.platformOperator ? { platformOperator: true } : {}),
  });
  // Role and phone belong to the tenant the caller runs in.
  await repos.users.addMembership(created.id, user.role);
  if (user.agent) await repos.agents.create({ userId: created.id, ...user.agent });
  return created;
}

import { z } from 'zod';
import { safeText } from './validation.js';

/** The three roles; each includes nothing of the others implicitly except where a route says so. */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
/** A user's role. */
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Body of POST /api/auth/login. */
export const loginRequestSchema = z.object({
  username: safeText(64).pipe(z.string().min(1, 'required')),
  password: z.string().min(1, 'required').max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in user as the console sees it. */
export const sessionUserSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  agent: z
    .object({ id: z.string().uuid(), endpoint: z.string(), extension: z.string() })
    .nullable(),
  /** The tenant this session works in; role and agent are the user's in it. */
  tenant: z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() }),
  /** Every tenant the user belongs to, with the role there (the console's tenant switcher). */
  tenants: z.array(z.object({ tenantId: z.string().uuid(), slug: z.string(), name: z.string(), role: roleSchema })),
  /** Platform operators create, suspend and delete tenants; it grants nothing inside a tenant. */
  platformOperator: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** Name of the httpOnly session cookie, read by REST and by the Socket.IO handshake. */
export const SESSION_COOKIE = 'ringside_session';

/** A user as the admin user list shows it (GET /api/users). */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  agent: { id: string; endpoint: string; extension: string } | null;
  createdAt: string;
}

/** Why a session ended; the console shows it on the login page. */
export const SIGN_OUT_REASONS = ['logged_out', 'deactivated', 'password_changed', 'role_changed', 'sessions_ended', 'expired', 'tenant_switched', 'tenant_suspended', 'tenant_deleted'] as const;
/** Why a session ended. */
export type SignOutReason = (typeof SIGN_OUT_REASONS)[number];
/** Payload of the `signedOut` socket event, sent right before the server disconnects the socket. */
export interface SignedOut {
  reason: SignOutReason;
}

import { z } from 'zod';
import { roleSchema, type Role } from './auth.js';
import type { DialPlanInput } from './dialplan/dial-plan.js';
import { endpointExtensionText } from './dialplan/text.js';
import type { DialPlanIssue } from './dialplan/validate.js';
import type { TenantPlanIssueCode } from './dialplan/validate-tenants.js';
import type { DialPlanPath } from './dialplan/walk.js';
import { safeText } from './validation.js';

// Contracts of the admin REST API: the dial-plan draft/publish/rollback cycle and user management.

/** A problem of a draft: one of the plan itself, or one with another tenant's live plan on the shared switch (DID_TAKEN, ...). */
export type DraftIssue = DialPlanIssue | { code: TenantPlanIssueCode; path: DialPlanPath; message: string };

/** Body of GET and PUT /api/dialplan/draft: the one shared draft and its semantic problems. */
export interface DialPlanDraftReply {
  draft: DialPlanInput;
  /** Version the draft started from; null before the first publish. */
  basedOnVersion: number | null;
  updatedAt: string;
  updatedBy: string;
  issues: DraftIssue[];
}

/** Body of PUT /api/dialplan/draft; the server judges `plan` with dialPlanSchema. */
export const saveDraftRequestSchema = z.object({ plan: z.unknown() });
/** Body of PUT /api/dialplan/draft. */
export interface SaveDraftRequest {
  plan: DialPlanInput;
}

/** One rendered Asterisk file, as the live version and the draft render it. */
export interface RenderedFileDiff {
  name: string;
  live: string;
  draft: string;
  changed: boolean;
}

/** Body of GET /api/dialplan/diff. */
export interface DialPlanDiffReply {
  files: RenderedFileDiff[];
}

/** Whether the switch took a published version. */
export const APPLY_STATUSES = ['applied', 'failed', 'pending'] as const;
/** Apply status of a version. */
export type ApplyStatus = (typeof APPLY_STATUSES)[number];

/** A published dial-plan version. */
export interface DialPlanVersion {
  number: number;
  author: string;
  comment: string;
  createdAt: string;
  applyStatus: ApplyStatus;
  applyError: string | null;
  /** True for the one version the switch runs now. */
  live: boolean;
}

/** Body of GET /api/dialplan/versions, newest first. */
export interface DialPlanVersionsReply {
  items: DialPlanVersion[];
}

/** Body of the 201 replies of publish and rollback. */
export interface DialPlanVersionReply {
  version: DialPlanVersion;
}

/** Why a version was published or rolled back: required, one line, at most 200 characters. */
export const versionCommentText = safeText(200).pipe(z.string().min(1, 'required'));

/** Body of POST /api/dialplan/publish. */
export const publishRequestSchema = z.strictObject({ comment: versionCommentText });
/** Body of POST /api/dialplan/publish. */
export type PublishRequest = z.infer<typeof publishRequestSchema>;

/** Body of POST /api/dialplan/versions/:number/rollback. */
export const rollbackRequestSchema = z.strictObject({ comment: versionCommentText });
/** Body of POST /api/dialplan/versions/:number/rollback. */
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;

/** Shortest password an admin may set. */
export const MIN_PASSWORD_LENGTH = 10;

/** A login name: letters, digits and `. _ - @`, stored in lower case by the server. */
export const usernameText = safeText(64)
  .pipe(z.string().min(1, 'required'))
  .pipe(z.string().regex(/^[A-Za-z0-9._@-]+$/, "use letters, digits and . _ - @ only"));

/** A new password; never trimmed, since spaces may be part of it. */
export const passwordText = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256);

/** The phone a user works on as an agent: a channel (`PJSIP/1001`) and the extension it rings on. */
export const agentAssignmentSchema = z.strictObject({
  endpoint: safeText(80)
    .pipe(z.string().min(1, 'required'))
    .pipe(z.string().regex(/^[A-Za-z]+\/[A-Za-z0-9_.-]+$/, 'must be a channel such as PJSIP/1001')),
  extension: endpointExtensionText,
});
/** An agent assignment. */
export type AgentAssignment = z.infer<typeof agentAssignmentSchema>;

const displayNameText = safeText(100).pipe(z.string().min(1, 'required'));

/** Body of POST /api/users. */
export const userCreateSchema = z.strictObject({
  username: usernameText,
  displayName: displayNameText,
  role: roleSchema,
  password: passwordText,
  agent: agentAssignmentSchema.optional(),
});
/** Body of POST /api/users. */
export type UserCreateRequest = z.infer<typeof userCreateSchema>;

/** Body of PATCH /api/users/:id: any subset; `agent: null` removes the assignment. */
export const userPatchSchema = z
  .strictObject({
    displayName: displayNameText,
    role: roleSchema,
    active: z.boolean(),
    password: passwordText,
    agent: agentAssignmentSchema.nullable(),
  })
  .partial();
/** Body of PATCH /api/users/:id. */
export type UserPatchRequest = z.infer<typeof userPatchSchema>;

/** A user as the admin pages list and edit it. */
export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  agent: { endpoint: string; extension: string } | null;
}

/** Body of GET /api/users. */
export interface UserListReply {
  items: ManagedUser[];
}

/** Body of the replies of POST /api/users (201) and PATCH /api/users/:id. */
export interface UserReply {
  user: ManagedUser;
}

/** Body of POST /api/auth/password: the signed-in user changes their own password. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, 'required').max(256),
  newPassword: passwordText,
});
/** Body of POST /api/auth/password. */
export type PasswordChangeRequest = z.infer<typeof passwordChangeSchema>;

import type { ReactNode } from 'react';
import type { Role, SessionUser } from '@ringside/shared';
import type { PlainMessageKey } from '../i18n/t.js';
import type { RouteParams } from './match-route.js';

/** One page of the console: where it lives, who may open it, and whether the nav lists it. */
export interface RouteDefinition {
  pattern: string;
  roles: readonly Role[];
  titleKey: PlainMessageKey;
  /** Present on a feature's entry page only: the nav label. */
  navKey?: PlainMessageKey;
  /** A further condition on the user beyond the role (the platform page: platform operators only). */
  allows?(user: SessionUser): boolean;
  render(params: RouteParams, user: SessionUser): ReactNode;
}

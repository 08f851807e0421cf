import type { SignOutReason } from '@ringside/shared';

/** Which sessions ended: one session (by its token hash), or every session of a user but perhaps one. */
export type SessionEnding =
  | { tokenHash: string; reason: SignOutReason }
  | { userId: string; exceptTokenHash?: string; reason: SignOutReason };

type Listener = (ending: SessionEnding) => void;

/**
 * The one place every ended session is announced, after the sessions table lost it: the
 * realtime gateway listens and disconnects the sockets of those sessions on every node (through
 * the Socket.IO adapter), so no route needs to know about sockets.
 */
export class SessionEndings {
  private readonly listeners = new Set<Listener>();

  /** Subscribes; returns the unsubscribe. */
  onEnded(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(ending: SessionEnding): void {
    for (const listener of this.listeners) listener(ending);
  }
}

/** When an agent last had a console: what a new switch owner needs to finish a pending sign-out. */
export interface ConsoleUse {
  agentId: string;
  /** When their last console closed; null when one was open when last heard of (its node may have died since). */
  closedAt: number | null;
}

/**
 * Consoles opening and closing, kept where every node and the next switch owner can read them
 * (the agents table): a sign-out pending when the owner stops or dies is not lost with it.
 */
export interface ConsoleLog {
  opened(agentId: string, at: number): Promise<void>;
  closed(agentId: string, at: number): Promise<void>;
  /** Every agent who has used a console. */
  consoleUsers(): Promise<ConsoleUse[]>;
}

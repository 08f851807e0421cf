import type { Channel } from '../channel.js';
import type { Engine } from '../engine.js';

/** What an application sees: the engine, its channel, and its substituted arguments. */
export interface AppContext {
  engine: Engine;
  ch: Channel;
  data: string;
  args: string[];
}

/** `jumped` means the app moved the channel itself; `hangup` ends the dial plan. */
export type AppResult = void | 'jumped' | 'hangup';

/** A dial-plan application. */
export type AppFn = (ctx: AppContext) => Promise<AppResult>;

/** Thrown by an app for a use pbx-sim does not simulate; the interpreter hangs the channel up loudly. */
export class UnsupportedUse extends Error {}

import type { Engine } from '../engine/engine.js';
import type { AmiField, AmiRequest } from './ami-message.js';
import type { AmiSession } from './ami-session.js';

/** Everything an action handler needs. */
export interface ActionContext {
  req: AmiRequest;
  session: AmiSession;
  engine: Engine;
  actionId: string | undefined;
}

/** Messages to write in order (the response first); `close` ends the session afterwards. */
export interface ActionReply {
  messages: AmiField[][];
  close?: boolean;
}

/** An AMI action; `write` is the class a user needs in manager.conf `write=`. */
export interface ActionDef {
  write: string;
  /** The action's name as Asterisk spells it (filled in by the action table). */
  name?: string;
  run(ctx: ActionContext): ActionReply | Promise<ActionReply>;
}

function head(response: string, ctx: ActionContext): AmiField[] {
  const f: AmiField[] = [['Response', response]];
  if (ctx.actionId !== undefined) f.push(['ActionID', ctx.actionId]);
  return f;
}

/** `Response: Success` with an optional Message and extra headers. */
export function ok(ctx: ActionContext, message?: string, extra: AmiField[] = []): ActionReply {
  const f = head('Success', ctx);
  if (message !== undefined) f.push(['Message', message]);
  return { messages: [[...f, ...extra]] };
}

export function fail(ctx: ActionContext, message: string): ActionReply {
  return { messages: [[...head('Error', ctx), ['Message', message]]] };
}

export function goodbye(ctx: ActionContext): ActionReply {
  return { messages: [[...head('Goodbye', ctx), ['Message', 'Thanks for all the fish.']]], close: true };
}

/**
 * A list action: `EventList: start` ack, the items (each gets ActionID where Asterisk puts it),
 * then `<Name>Complete` with ListItems.
 */
export function list(
  ctx: ActionContext,
  message: string,
  items: { event: string; fields: AmiField[]; actionIdLast?: boolean }[],
  completeName: string,
  completeExtra: AmiField[] = [],
  count = items.length,
): ActionReply {
  const id: AmiField[] = ctx.actionId !== undefined ? [['ActionID', ctx.actionId]] : [];
  const ack: AmiField[] = [...head('Success', ctx), ['EventList', 'start'], ['Message', message]];
  const out: AmiField[][] = [ack];
  for (const it of items) {
    out.push(it.actionIdLast ? [['Event', it.event], ...it.fields, ...id] : [['Event', it.event], ...id, ...it.fields]);
  }
  out.push([['Event', completeName], ...id, ['EventList', 'Complete'], ['ListItems', String(count)], ...completeExtra]);
  return { messages: out };
}

/** Asterisk's ast_true for header flags. */
export function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(yes|true|y|t|1|on)$/i.test(v.trim());
}

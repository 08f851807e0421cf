import type { Socket } from 'node:net';
import type { Engine } from '../engine/engine.js';
import type { PbxEvent } from '../engine/types.js';
import type { AmiUserConfig } from '../config/manager-loader.js';
import { AmiParser } from './ami-parser.js';
import { formatMessage } from './ami-writer.js';
import type { AmiField, AmiRequest } from './ami-message.js';
import type { ActionContext, ActionDef, ActionReply } from './action-context.js';
import { fail } from './action-context.js';
import { requestBadFormat } from './security-events.js';
import type { SessionAddress } from './security-events.js';

let sessionSeq = 0x7f5418000000;

/** Event classes a `read=`/`Events:` list may name. */
export const EVENT_CLASSES = ['system', 'call', 'log', 'verbose', 'command', 'agent', 'user', 'config', 'dtmf', 'reporting', 'cdr', 'dialplan', 'originate', 'agi', 'cc', 'aoc', 'test', 'security', 'message'];

/** Actions a client may send before logging in. */
const PRE_AUTH = new Set(['login', 'challenge', 'logoff']);

/** One AMI connection: parses requests, runs actions in order, forwards the events it may see. */
export class AmiSession {
  readonly address: SessionAddress;
  user: AmiUserConfig | undefined;
  /** Classes this session asked for (`Events:` at login or the Events action). */
  eventMask: Set<string> = new Set(['all']);
  challenge: string | undefined;
  private readonly parser = new AmiParser();
  private chain: Promise<void> = Promise.resolve();
  private held: PbxEvent[] | undefined;
  private closed = false;

  constructor(
    readonly socket: Socket,
    readonly engine: Engine,
    private readonly actions: Map<string, ActionDef>,
    private readonly onClose: (s: AmiSession) => void,
  ) {
    this.address = {
      id: `0x${(sessionSeq += 0x1a0).toString(16)}`,
      localPort: socket.localPort ?? 5038,
      remotePort: socket.remotePort ?? 0,
      startedAt: engine.clock.now(),
    };
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    this.write('Asterisk Call Manager/11.0.0\r\n');
  }

  /** Action names with their definitions, for ListCommands. */
  actionList(): [string, ActionDef][] {
    return [...this.actions.entries()].map(([, d]) => [d.name ?? '', d]);
  }

  get authenticated(): boolean {
    return this.user !== undefined;
  }

  private onData(chunk: Buffer): void {
    for (const req of this.parser.push(chunk)) {
      this.chain = this.chain.then(() => this.handle(req)).catch((e) => this.engine.log('error', `AMI action failed: ${String(e)}`));
    }
  }

  private write(text: string): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(text);
  }

  send(fields: AmiField[]): void {
    this.write(formatMessage(fields));
  }

  /** True when this session should receive the event (logged in, read permission, event mask). */
  wants(e: PbxEvent): boolean {
    if (!this.user || !e.privilege) return false;
    const cls = e.privilege.split(',')[0]!;
    const readOk = this.user.read.includes('all') || this.user.read.includes(cls);
    const maskOk = this.eventMask.has('all') || this.eventMask.has(cls);
    return readOk && maskOk && this.eventMask.size > 0;
  }

  /** Delivers an engine event; while an action runs, events wait until its response is out. */
  deliver(e: PbxEvent): void {
    if (!this.wants(e)) return;
    if (this.held) this.held.push(e);
    else this.writeEvent(e);
  }

  /** Long-running actions (sync Originate) let events flow before their response, as Asterisk does. */
  releaseHeld(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const e of held) this.writeEvent(e);
  }

  private writeEvent(e: PbxEvent): void {
    this.send([['Event', e.name], ['Privilege', e.privilege], ...e.fields]);
  }

  private async handle(req: AmiRequest): Promise<void> {
    if (this.closed) return;
    const name = req.action;
    const actionId = req.actionId;
    const ctx: ActionContext = { req, session: this, engine: this.engine, actionId };
    if (!name) return this.reply(fail(ctx, 'Missing action in request'));
    const key = name.toLowerCase();
    if (!this.authenticated && !PRE_AUTH.has(key)) return this.reply(fail(ctx, 'Permission denied'));
    const def = this.actions.get(key);
    if (!def) {
      const reply = fail(ctx, `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.`);
      this.reply(reply);
      this.engine.emit('RequestBadFormat', 'security,all', requestBadFormat(this.engine.clock.now(), this.address, name, this.user?.username));
      return;
    }
    if (this.user && def.write !== '' && !this.user.write.includes('all') && !this.user.write.includes(def.write)) {
      return this.reply(fail(ctx, 'Permission denied'));
    }
    this.held = [];
    let reply: ActionReply;
    try {
      reply = await def.run(ctx);
    } catch (e) {
      reply = fail(ctx, e instanceof Error ? e.message : String(e));
    }
    this.reply(reply);
  }

  private reply(reply: ActionReply): void {
    for (const m of reply.messages) this.send(m);
    const held = this.held ?? [];
    this.held = undefined;
    for (const e of held) this.writeEvent(e);
    if (reply.close) this.end();
  }

  /** Flushes and closes after a reply (Logoff, failed login). */
  end(): void {
    if (this.closed) return;
    this.socket.end();
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}

import { isKnownSound } from '@ringside/shared';
import { randomUUID } from 'node:crypto';
import type { TimerHandle } from '../clock.js';
import type { AriCore, StasisControl } from './ari-core.js';

/** A media playback on a channel: queued, playing, then done (or failed for unknown media). */
export interface AriPlayback {
  id: string;
  media: string[];
  index: number;
  targetUri: string;
  language: string;
  state: 'queued' | 'playing' | 'done' | 'failed';
  channelId: string;
  timer: TimerHandle | undefined;
}

const KNOWN_SCHEMES = new Set(['sound', 'recording', 'number', 'digits', 'characters', 'tone', 'silence']);

/** Plays media on Stasis channels, one playback at a time per channel, on the engine clock. */
export class AriPlaybacks {
  readonly map = new Map<string, AriPlayback>();
  private readonly unhook: () => void;

  constructor(private readonly core: AriCore) {
    // A channel leaving Stasis (hung up or continued) ends what it was playing before StasisEnd.
    this.unhook = core.onStasisLeave((control) => {
      for (const p of [...this.map.values()]) if (p.channelId === control.ch.id) this.finish(p, 'done');
    });
  }

  stop(): void {
    this.unhook();
    for (const p of this.map.values()) this.core.engine.clock.clearTimeout(p.timer);
    this.map.clear();
  }

  json(p: AriPlayback): Record<string, unknown> {
    const j: Record<string, unknown> = { id: p.id, media_uri: p.media[p.index] ?? p.media[0] };
    if (p.index + 1 < p.media.length) j.next_media_uri = p.media[p.index + 1];
    return { ...j, target_uri: p.targetUri, language: p.language, state: p.state };
  }

  /** Queues media on a channel; returns the playback as the 201 reply shows it (state queued). */
  play(control: StasisControl, media: string[], language: string, id?: string): Record<string, unknown> {
    const p: AriPlayback = {
      id: id || randomUUID(),
      media,
      index: 0,
      targetUri: `channel:${control.ch.id}`,
      language,
      state: 'queued',
      channelId: control.ch.id,
      timer: undefined,
    };
    this.map.set(p.id, p);
    const reply = this.json(p);
    control.playQueue.push(p.id);
    if (control.playQueue.length === 1) this.start(p);
    return reply;
  }

  private start(p: AriPlayback): void {
    p.state = 'playing';
    this.publish('PlaybackStarted', p);
    this.playCurrent(p);
  }

  private playCurrent(p: AriPlayback): void {
    const uri = p.media[p.index] ?? '';
    const scheme = uri.split(':', 1)[0] ?? '';
    if (!KNOWN_SCHEMES.has(scheme) || uri.indexOf(':') < 0) {
      this.core.engine.log('warn', `ARI playback ${p.id}: unsupported media '${uri}'`);
      this.finish(p, 'failed');
      return;
    }
    if (scheme === 'sound' && !isKnownSound(uri.slice(6), this.core.engine.options.customSounds ?? [])) {
      // Asterisk finds no file for the name: the playback fails (file.c warns), nothing is heard.
      this.core.engine.log('warn', `file.c: File ${uri.slice(6)} does not exist in any format`);
      this.finish(p, 'failed');
      return;
    }
    const seconds = scheme === 'silence' ? Number(uri.slice(8)) : NaN;
    const ms = Number.isFinite(seconds) ? seconds * 1000 : (this.core.engine.options.promptMs ?? 1000);
    p.timer = this.core.engine.clock.setTimeout(() => {
      p.timer = undefined;
      if (p.index + 1 < p.media.length) {
        p.index += 1;
        this.playCurrent(p);
      } else {
        this.finish(p, 'done');
      }
    }, ms);
  }

  /** DELETE /playbacks/{id}: stops it now; it finishes as done. */
  stopPlayback(p: AriPlayback): void {
    this.finish(p, 'done');
  }

  private finish(p: AriPlayback, state: 'done' | 'failed'): void {
    if (!this.map.has(p.id)) return;
    this.core.engine.clock.clearTimeout(p.timer);
    const wasQueued = p.state === 'queued';
    p.state = state;
    this.map.delete(p.id);
    if (!wasQueued) this.publish('PlaybackFinished', p);
    const control = this.core.controls.get(p.channelId);
    if (!control) return;
    control.playQueue = control.playQueue.filter((x) => x !== p.id);
    const next = control.playQueue[0] ? this.map.get(control.playQueue[0]) : undefined;
    if (next && next.state === 'queued') this.start(next);
  }

  private publish(type: string, p: AriPlayback): void {
    this.core.publish(type, { playback: this.json(p) }, { channelIds: [p.channelId] });
  }
}

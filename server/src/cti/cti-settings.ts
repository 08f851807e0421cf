import type { DispositionChoice, PhoneConfig } from '@ringside/shared';
import type { QueueSettings } from '../domain/cti-config.js';

/** What the CTI layer is tuned with; every field has a default (see ctiSettings). */
export interface CtiSettings {
  /** How long the pop waits for the directory before the agent gets a `pending` pop. */
  popDeadlineMs: number;
  /** Per-queue service level and wrap-up; queues not listed use the defaults below. */
  queues: QueueSettings[];
  defaultServiceLevelSeconds: number;
  defaultWrapUpSeconds: number;
  /** The pause reasons offered and accepted; empty accepts any reason the schema allows. */
  pauseReasons: string[];
  /** The dispositions offered and accepted; empty accepts any code the schema allows. */
  dispositions: DispositionChoice[];
  /** How agents' audio reaches the switch. */
  phone: PhoneConfig;
  defaultCountry: string;
  /** Minutes east of UTC for statistics days and intervals, and for `handledToday`. */
  utcOffsetMinutes: number;
  /** Call-control commands per user when no shared limiter is given (tests building the module alone). */
  rateLimit: { points: number; seconds: number };
  /** How often wrap-ups that are due are ended even if their timer was lost. */
  tickMs: number;
  /** How long a click-to-dial ack waits for the agent's phone to answer before saying "dialling". */
  clickToDialAckMs: number;
  /** Queue rooms get at most one delta per this many ms, with the latest views; 0 sends every change at once. */
  queueUpdateIntervalMs: number;
  /** Seconds after an agent's last console closed before they are signed out; 0 never. */
  awayLogoutSeconds: number;
}

/** The defaults: the console's catalogue of pause reasons and dispositions, a desk phone, 30 s wrap-up. */
export function ctiSettings(partial: Partial<CtiSettings> = {}): CtiSettings {
  return {
    popDeadlineMs: 150,
    queues: [],
    defaultServiceLevelSeconds: 20,
    defaultWrapUpSeconds: 30,
    pauseReasons: ['Break', 'Lunch', 'Meeting', 'Training', 'Back office'],
    dispositions: ['resolved', 'callback', 'sale', 'no-answer', 'escalated', 'information'],
    phone: { mode: 'server' },
    defaultCountry: 'US',
    utcOffsetMinutes: 0,
    rateLimit: { points: 20, seconds: 2 },
    tickMs: 1000,
    clickToDialAckMs: 5000,
    queueUpdateIntervalMs: 1000,
    awayLogoutSeconds: 120,
    ...partial,
  };
}

/** The code of a disposition choice. */
export function dispositionCode(choice: DispositionChoice): string {
  return typeof choice === 'string' ? choice : choice.code;
}

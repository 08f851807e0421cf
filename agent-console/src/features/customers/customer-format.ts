import { formatPhone, type ContactPoint, type Customer, type Interaction } from '@ringside/shared';
import { LOCALE, type PlainMessageKey } from '../../i18n/t.js';

export const LIFECYCLE_KEYS = {
  lead: 'customer.lifecycle.lead',
  prospect: 'customer.lifecycle.prospect',
  customer: 'customer.lifecycle.customer',
  churned: 'customer.lifecycle.churned',
} as const satisfies Record<Customer['lifecycle'], PlainMessageKey>;

export const CONTACT_KIND_KEYS = {
  phone: 'customer.contactKind.phone',
  email: 'customer.contactKind.email',
  sms: 'customer.contactKind.sms',
  address: 'customer.contactKind.address',
} as const satisfies Record<ContactPoint['kind'], PlainMessageKey>;

export const DIRECTION_KEYS = {
  inbound: 'interaction.direction.inbound',
  outbound: 'interaction.direction.outbound',
  internal: 'interaction.direction.internal',
} as const satisfies Record<Interaction['direction'], PlainMessageKey>;

export const CHANNEL_KEYS = {
  voice: 'interaction.channel.voice',
  email: 'interaction.channel.email',
  sms: 'interaction.channel.sms',
  chat: 'interaction.channel.chat',
} as const satisfies Record<Interaction['channel'], PlainMessageKey>;

export const PURPOSE_KEYS = {
  home: 'customer.purpose.home',
  work: 'customer.purpose.work',
  billing: 'customer.purpose.billing',
  shipping: 'customer.purpose.shipping',
} as const satisfies Record<ContactPoint['purpose'], PlainMessageKey>;

/** A contact point as shown: phones in international format, other kinds as entered. */
export function contactText(cp: Pick<ContactPoint, 'kind' | 'value' | 'e164'>): string {
  if (cp.kind === 'email') return cp.value;
  return cp.e164 ? formatPhone(cp.e164) : cp.value;
}

/** A caller number from the switch: formatted when it is E.164, as received otherwise. */
export function numberText(raw: string): string {
  return raw.startsWith('+') ? formatPhone(raw) : raw;
}

/** Seconds as m:ss or h:mm:ss, the way call-center reports show durations. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO timestamp in the catalogue's locale and the browser's time zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** Only web and same-origin links become anchors, so a stored value can never run script. */
export function safeRecordingHref(recording: string): string | null {
  if (recording.startsWith('/') && !recording.startsWith('//')) return recording;
  try {
    const url = new URL(recording);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

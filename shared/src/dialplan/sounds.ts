import { charsetText } from './text.js';

const DIGITS = Array.from({ length: 10 }, (_, i) => `digits/${i}`);
const SILENCE = Array.from({ length: 10 }, (_, i) => `silence/${i + 1}`);
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'].map((l) => `letters/${l}`);

/**
 * The sounds every Ringside switch has: names from Asterisk 22's core English sound set
 * (asterisk-core-sounds-en) that an IVR, a queue or a closed line uses. A prompt may play only
 * these and the switch's own uploads declared in `system.customSounds`; never a path.
 */
export const CORE_SOUNDS: readonly string[] = [
  'hello', 'hello-world', 'welcome', 'goodbye', 'beep', 'invalid', 'please-try-again', 'pm-invalid-option',
  'vm-press', 'vm-goodbye', 'vm-intro', 'vm-isunavail', 'vm-isonphone', 'vm-nobodyavail', 'vm-theperson', 'vm-extension',
  'vm-enter-num-to-call', 'vm-star-cancel', 'vm-then-pound', 'vm-or',
  'queue-thankyou', 'queue-callswaiting', 'queue-holdtime', 'queue-minutes', 'queue-seconds', 'queue-thereare',
  'queue-youarenext', 'queue-reporthold', 'queue-less-than', 'queue-periodic-announce',
  'pls-hold-while-try', 'pls-wait-connect-call', 'transfer', 'pbx-transfer', 'pbx-invalid', 'auth-thankyou',
  'agent-loginok', 'agent-loggedoff', 'agent-pass', 'agent-user', 'tt-allbusy', 'tt-monkeys', 'tt-weasels',
  'demo-congrats', 'demo-thanks', 'demo-abouttotry', 'demo-nogo', 'privacy-unident', 'conf-onlyperson',
  ...DIGITS, ...SILENCE, ...LETTERS,
];

const CORE = new Set(CORE_SOUNDS);

/** A sound the switch's admin uploaded: `custom/<name>`, letters, digits, '_' and '-' only. */
export const customSoundText = charsetText({
  chars: 'a-z0-9_/-',
  allowed: "lower-case letters, digits, '_', '-' after custom/",
  min: 8,
  max: 80,
  shape: { pattern: /^custom\/[a-z0-9_-]+$/, message: 'must be custom/<name> (lower-case letters, digits, _ and -)' },
});

/** True when a prompt may play `name` on a switch whose uploads are `custom`. */
export function isKnownSound(name: string, custom: readonly string[]): boolean {
  return CORE.has(name) || custom.includes(name);
}

import { z } from 'zod';

// Every text of the dial plan ends up inside an Asterisk .conf line or an application's
// argument list. Rather than escaping (which differs per application), each kind of text
// has a small allow-list, and anything else is refused with the offending character named.

/** Human name of a character for an error message: control characters by code point. */
export function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const named: Record<number, string> = { 10: 'line feed', 13: 'carriage return', 9: 'tab', 0: 'NUL' };
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return named[code] ? `${hex} (${named[code]})` : hex;
  }
  if (c === ' ') return 'a space';
  return `'${c}'`;
}

/** Why a character is dangerous, for the characters people actually try. */
function whyForbidden(c: string): string {
  switch (c) {
    case ',':
      return ' (it separates application arguments)';
    case '|':
      return ' (an old argument separator)';
    case '(':
    case ')':
      return ' (it opens or closes an application call)';
    case '$':
    case '{':
    case '}':
      return ' (it starts a variable or expression substitution)';
    case ';':
      return ' (it starts a comment in a .conf file)';
    case '\\':
      return ' (it escapes the next character)';
    case '&':
      return ' (it joins several files or dial targets)';
    case '"':
      return ' (it opens a quoted string)';
    default:
      // eslint-disable-next-line no-control-regex
      return /[\u0000-\u001f\u007f-\u009f]/.test(c) ? ' (control characters break the line)' : '';
  }
}

interface CharsetSpec {
  /** Character class body (without brackets) of the allowed characters. */
  chars: string;
  /** The allowed characters as a person reads them. */
  allowed: string;
  min: number;
  max: number;
  /** Whole-value shape checked after the charset (e.g. no leading space). */
  shape?: { pattern: RegExp; message: string };
}

/** A string schema that accepts only the given characters and names the first one it refuses. */
export function charsetText(spec: CharsetSpec) {
  const one = new RegExp(`^[${spec.chars}]$`, 'u');
  return z.string().superRefine((s, ctx) => {
    if (s.length < spec.min) {
      ctx.addIssue({ code: 'custom', message: spec.min === 1 ? 'is required' : `must have at least ${spec.min} characters` });
      return;
    }
    if (s.length > spec.max) {
      ctx.addIssue({ code: 'custom', message: `must have at most ${spec.max} characters` });
      return;
    }
    for (const c of s) {
      if (!one.test(c)) {
        ctx.addIssue({
          code: 'custom',
          message: `must not contain ${describeChar(c)}${whyForbidden(c)}; allowed: ${spec.allowed}`,
        });
        return;
      }
    }
    if (spec.shape && !spec.shape.pattern.test(s)) ctx.addIssue({ code: 'custom', message: spec.shape.message });
  });
}

/** Identifier of a queue, IVR menu, route, schedule, trunk, user or app: `[A-Za-z0-9_-]`. */
export const idText = charsetText({ chars: 'A-Za-z0-9_-', allowed: "letters A-Z, digits, '_' and '-'", min: 1, max: 40 });

/** Name of a secret the renderer looks up at apply time (never the secret itself). */
export const secretRefText = charsetText({ chars: 'A-Za-z0-9_.-', allowed: "letters A-Z, digits, '_', '.' and '-'", min: 1, max: 64 });

/** A human label written into comments, caller ID names and queue member names. */
export const labelText = charsetText({
  chars: "\\p{L}\\p{N} .'_-",
  allowed: "letters, digits, spaces and . ' _ -",
  min: 1,
  max: 60,
  shape: { pattern: /^\S(.*\S)?$/su, message: 'must not start or end with a space' },
});

/**
 * A sound name without extension, as Playback/Background take it: a name or folder/name
 * (`hello`, `digits/1`, `custom/welcome`), never a path (`/etc/passwd`); which names exist is
 * the sound catalogue's business (sounds.ts).
 */
export const soundFileText = charsetText({
  chars: 'A-Za-z0-9_/-',
  allowed: "letters A-Z, digits, '_', '/' and '-'",
  min: 1,
  max: 120,
  shape: { pattern: /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)?$/, message: 'must be a sound name such as hello or custom/welcome, not a path' },
});

/** Text spoken by text-to-speech; comma is refused because it ends the application argument. */
export const ttsText = charsetText({
  chars: "\\p{L}\\p{N} .'?!-",
  allowed: "letters, digits, spaces and . ' ? ! -",
  min: 1,
  max: 500,
  shape: { pattern: /^\S(.*\S)?$/su, message: 'must not start or end with a space' },
});

/** A dialable external number: an optional `+` and 2-20 digits. */
export const phoneNumberText = charsetText({
  chars: '0-9+',
  allowed: "digits and a leading '+'",
  min: 2,
  max: 21,
  shape: { pattern: /^\+?[0-9]{2,20}$/, message: "must be digits with an optional leading '+'" },
});

/** An internal extension an agent or phone dials: digits, `*` and `#`. */
export const extensionText = charsetText({
  chars: '0-9*#',
  allowed: "digits, '*' and '#'",
  min: 1,
  max: 16,
});

/** A SIP endpoint's extension: 2-10 digits. */
export const endpointExtensionText = charsetText({
  chars: '0-9',
  allowed: 'digits',
  min: 2,
  max: 10,
});

/** A voicemail box number. */
export const mailboxText = charsetText({ chars: '0-9', allowed: 'digits', min: 1, max: 16 });

/** An argument handed to a Stasis application. */
export const stasisArgText = charsetText({ chars: 'A-Za-z0-9_+.-', allowed: "letters A-Z, digits, '_', '+', '.' and '-'", min: 1, max: 64 });

/**
 * A number or an Asterisk pattern: an exact number (`5000`, `+4930123`) or `_` followed by
 * digits, `X` `Z` `N`, ranges in `[...]`, and a trailing `.` or `!`.
 */
export const numberPatternText = charsetText({
  chars: '0-9XZNxzn+_.!\\[\\]-',
  allowed: "digits, '+', and for patterns a leading '_', X Z N, [ranges], '-', '.' and '!'",
  min: 1,
  max: 40,
  shape: {
    pattern: /^(\+?[0-9]+|_(?:[0-9XZNxzn+-]|\[[0-9-]+\])+[.!]?)$/,
    message: "must be a number (5000, +4930123) or a pattern starting with '_' (_50XX, _0[1-5]X., _X!)",
  },
});

/** An IPv4 or IPv6 address to bind or point at. */
export const ipAddressText = charsetText({
  chars: '0-9A-Fa-f.:',
  allowed: 'an IPv4 or IPv6 address',
  min: 2,
  max: 45,
  shape: { pattern: /^((\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/, message: 'must be an IPv4 or IPv6 address' },
});

/** A host name or IP address. */
export const hostText = charsetText({
  chars: 'A-Za-z0-9.:-',
  allowed: "letters A-Z, digits, '.', ':' and '-'",
  min: 1,
  max: 253,
});

/** An IPv4 network as Asterisk ACLs take it: `127.0.0.1/255.255.255.255` or `10.0.0.0/8`. */
export const networkText = charsetText({
  chars: '0-9./',
  allowed: "digits, '.' and '/'",
  min: 7,
  max: 31,
  shape: {
    pattern: /^(\d{1,3}\.){3}\d{1,3}\/((\d{1,3}\.){3}\d{1,3}|\d{1,2})$/,
    message: 'must be an IPv4 network such as 127.0.0.1/255.255.255.255 or 10.0.0.0/8',
  },
});

/** An absolute file path on the switch (TLS certificate and key). */
export const filePathText = charsetText({
  chars: 'A-Za-z0-9_./-',
  allowed: "letters A-Z, digits, '_', '.', '/' and '-'",
  min: 2,
  max: 200,
  shape: { pattern: /^\//, message: "must be an absolute path starting with '/'" },
});

/** Wall-clock time `HH:MM` (24 h). */
export const clockTimeText = charsetText({
  chars: '0-9:',
  allowed: 'a time HH:MM',
  min: 5,
  max: 5,
  shape: { pattern: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, message: 'must be a time HH:MM between 00:00 and 24:00' },
});

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateText = charsetText({
  chars: '0-9-',
  allowed: 'a date YYYY-MM-DD',
  min: 10,
  max: 10,
  shape: { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: 'must be a date YYYY-MM-DD' },
}).refine((d) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}, 'is not a real calendar date');

/** An IANA time zone the runtime knows (`Europe/Berlin`, `UTC`). */
export const timeZoneText = charsetText({
  chars: 'A-Za-z0-9_/+-',
  allowed: "an IANA time zone such as Europe/Berlin",
  min: 1,
  max: 64,
}).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'is not a known IANA time zone');

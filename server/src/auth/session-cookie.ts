import { SESSION_COOKIE } from '@ringside/shared';

/** Reads one cookie from a Cookie header (RFC 6265 syntax, first occurrence wins). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

/** The Set-Cookie value for a session token (or for clearing it when token is null). */
export function sessionCookie(token: string | null, options: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${SESSION_COOKIE}=${token ? encodeURIComponent(token) : ''}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  parts.push(token ? `Max-Age=${options.maxAgeSeconds}` : 'Max-Age=0');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

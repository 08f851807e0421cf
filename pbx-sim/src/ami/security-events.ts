import type { AmiField } from './ami-message.js';
import { formatEventTv } from '../engine/endpoints.js';

/** Where a session is, for the address fields of security events. */
export interface SessionAddress {
  id: string;
  localPort: number;
  remotePort: number;
  startedAt: number;
}

/** The common head of AMI security events, in Asterisk's order. */
export function securityHead(now: number, severity: string, version: string, s: SessionAddress, account?: string): AmiField[] {
  const f: AmiField[] = [
    ['EventTV', formatEventTv(now)],
    ['Severity', severity],
    ['Service', 'AMI'],
    ['EventVersion', version],
  ];
  if (account !== undefined) f.push(['AccountID', account]);
  f.push(
    ['SessionID', s.id],
    ['LocalAddress', `IPV4/TCP/127.0.0.1/${s.localPort}`],
    ['RemoteAddress', `IPV4/TCP/127.0.0.1/${s.remotePort}`],
  );
  return f;
}

export function successfulAuth(now: number, s: SessionAddress, user: string): AmiField[] {
  return [...securityHead(now, 'Informational', '1', s, user), ['UsingPassword', '0'], ['SessionTV', formatEventTv(s.startedAt)]];
}

export function invalidPassword(now: number, s: SessionAddress, user: string): AmiField[] {
  return [...securityHead(now, 'Error', '2', s, user), ['SessionTV', formatEventTv(s.startedAt)]];
}

export function invalidAccount(now: number, s: SessionAddress, user: string): AmiField[] {
  return [...securityHead(now, 'Error', '1', s, user), ['SessionTV', formatEventTv(s.startedAt)]];
}

export function failedAcl(now: number, s: SessionAddress, user: string): AmiField[] {
  return [...securityHead(now, 'Error', '1', s, user), ['ACLName', 'manager_acl'], ['SessionTV', formatEventTv(s.startedAt)]];
}

export function requestBadFormat(now: number, s: SessionAddress, action: string, user: string | undefined): AmiField[] {
  const f = [...securityHead(now, 'Error', '1', s), ['RequestType', `Action: ${action}`], ['SessionTV', formatEventTv(s.startedAt)]] as AmiField[];
  if (user !== undefined) f.push(['AccountID', user]);
  return f;
}

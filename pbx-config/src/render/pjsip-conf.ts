import type { DialPlan, Endpoint, Trunk } from '@ringside/shared';
import { header, toFile } from './conf-text.js';
import { CONTEXTS } from './destination-steps.js';

// What a JsSIP softphone needs. webrtc=yes implies most of it; spelling each out keeps the
// endpoint working if a template or a later Asterisk changes a default.
const WEBRTC_SETTINGS = [
  'webrtc = yes',
  'dtls_auto_generate_cert = yes',
  'media_encryption = dtls',
  'dtls_verify = fingerprint',
  'dtls_setup = actpass',
  'ice_support = yes',
  'use_avpf = yes',
  'rtcp_mux = yes',
  'media_use_received_transport = yes',
];

function endpointLines(e: Endpoint): string[] {
  return [
    '',
    `[${e.extension}](${e.webrtc ? 'ringside-agent-webrtc' : 'ringside-agent'})`,
    `context = ${CONTEXTS.agents}`,
    `callerid = "${e.displayName}" <${e.extension}>`,
    ...(e.webrtc ? WEBRTC_SETTINGS : []),
    'disallow = all',
    `allow = ${e.codecs.join(',')}`,
    `auth = ${e.extension}`,
    `aors = ${e.extension}`,
    `[${e.extension}](ringside-agent-aor)`,
  ];
}

function trunkLines(t: Trunk): string[] {
  const contact = t.host ? [`contact = sip:${t.contactUser ? `${t.contactUser}@` : ''}${t.host}:${t.port}`] : ['max_contacts = 1', 'remove_existing = yes'];
  return [
    '',
    `; trunk: ${t.name}`,
    `[${t.id}](ringside-trunk)`,
    `context = ${CONTEXTS.inbound}`,
    'disallow = all',
    `allow = ${t.codecs.join(',')}`,
    ...(t.passwordRef ? [`auth = ${t.id}`] : []),
    `aors = ${t.id}`,
    `[${t.id}](ringside-trunk-aor)`,
    ...contact,
  ];
}

/**
 * ringside-pjsip.conf: endpoints and AORs (included by pjsip.conf, which owns the transports
 * and templates). `auth = X` sections come from ringside-pjsip-auth.conf, which holds secrets.
 */
export function renderPjsipConf(plan: DialPlan): string {
  const endpoints = [...plan.endpoints].sort((a, b) => a.extension.localeCompare(b.extension));
  return toFile([
    ...header(plan.name, 'SIP endpoints (ringside-pjsip.conf, included by pjsip.conf); credentials are in ringside-pjsip-auth.conf'),
    ...endpoints.flatMap(endpointLines),
    ...plan.trunks.flatMap(trunkLines),
  ]);
}

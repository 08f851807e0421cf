import type { DialPlan, Endpoint, Trunk } from '@ringside/shared';
import { header, toFile } from './conf-text.js';
import { CONTEXTS } from './destination-steps.js';
import { switchPlan, tenantLabel, type RenderTenant, type SwitchNames, type SwitchPlan } from './switch-plan.js';

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

// The caller ID number stays the local extension: it is what a colleague of the same tenant dials back.
function endpointLines(e: Endpoint, sw: SwitchNames): string[] {
  const name = sw(e.extension);
  return [
    '',
    `[${name}](${e.webrtc ? 'ringside-agent-webrtc' : 'ringside-agent'})`,
    `context = ${sw(CONTEXTS.agents)}`,
    `callerid = "${e.displayName}" <${e.extension}>`,
    ...(e.webrtc ? WEBRTC_SETTINGS : []),
    'disallow = all',
    `allow = ${e.codecs.join(',')}`,
    `auth = ${name}`,
    `aors = ${name}`,
    `[${name}](ringside-agent-aor)`,
  ];
}

/** Every trunk enters the shared trunk context, which hands each DID to the tenant that owns it. */
function trunkLines(t: Trunk, sw: SwitchNames): string[] {
  const name = sw(t.id);
  const contact = t.host ? [`contact = sip:${t.contactUser ? `${t.contactUser}@` : ''}${t.host}:${t.port}`] : ['max_contacts = 1', 'remove_existing = yes'];
  return [
    '',
    `; trunk: ${t.name}`,
    `[${name}](ringside-trunk)`,
    `context = ${CONTEXTS.inbound}`,
    'disallow = all',
    `allow = ${t.codecs.join(',')}`,
    ...(t.passwordRef ? [`auth = ${name}`] : []),
    `aors = ${name}`,
    `[${name}](ringside-trunk-aor)`,
    ...contact,
  ];
}

/**
 * ringside-pjsip.conf: endpoints and AORs (included by pjsip.conf, which owns the transports
 * and templates). `auth = X` sections come from ringside-pjsip-auth.conf, which holds secrets.
 */
export function renderPjsipConf(plan: DialPlan): string {
  return renderTenantPjsipConf(switchPlan([{ prefix: '', plan }]));
}

function tenantSipLines(t: RenderTenant): string[] {
  const endpoints = [...t.plan.endpoints].sort((a, b) => a.extension.localeCompare(b.extension));
  return [
    ...(t.prefix === '' ? [] : ['', `; ${tenantLabel(t)}`]),
    ...endpoints.flatMap((e) => endpointLines(e, t.sw)),
    ...t.plan.trunks.flatMap((tr) => trunkLines(tr, t.sw)),
  ];
}

/** ringside-pjsip.conf of every tenant on the switch: names carry the tenant's switch prefix. */
export function renderTenantPjsipConf(sp: SwitchPlan): string {
  return toFile([
    ...header(sp.title, 'SIP endpoints (ringside-pjsip.conf, included by pjsip.conf); credentials are in ringside-pjsip-auth.conf'),
    ...sp.tenants.flatMap(tenantSipLines),
  ]);
}

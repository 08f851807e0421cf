import { describe, expect, it } from '@jest/globals';
import { demoDialPlanInput, demoTenantPlans, splitSwitchName, type DialPlanInput } from '@ringside/shared';
import { demoSecrets, demoTenantSecrets, renderTenants } from './index.js';

// Every name a tenant's part of the switch refers to (contexts, endpoints, trunks, queues,
// auths, AORs, voicemail contexts) must be that tenant's own: a bare reference from a prefixed
// tenant would reach the default tenant's object of that name (or a base-config context that
// cannot know the tenant, as the base `dial-agent` with `Dial(PJSIP/${EXTEN})` cannot).

const PREFIXES = ['', 'acme', 'beta'];
const owner = (name: string) => splitSwitchName(name, PREFIXES)?.prefix ?? null;
// The one context every trunk enters, shared by design: it hands each DID to its tenant.
const SHARED = new Set(['ringside-inbound', 'from-customers']);

/** Acme with every kind of destination: the demo plan's (hours, Stasis, outbound trunk) plus voicemail and an external number. */
function richAcme(): DialPlanInput {
  const plan = structuredClone(demoDialPlanInput) as DialPlanInput;
  plan.name = 'Acme Insurance';
  plan.inboundRoutes = plan.inboundRoutes!.map((r) => ({ ...r, did: r.did.replace(/^5/, '7').replace(/^6/, '9') }));
  plan.internalRoutes!.push(
    { extension: '*9', name: 'Voicemail', destination: { type: 'voicemail', mailbox: '1001' } },
    { extension: '*8', name: 'Head office', destination: { type: 'external', number: '+4930123456', trunk: '2001' } },
  );
  return plan;
}

/** [section name, its lines] of a .conf text, in order. */
function sectionsOf(text: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const line of text.split('\n')) {
    const head = /^\[([^\]]+)\]/.exec(line);
    if (head) out.push([head[1]!, []]);
    else if (out.length && line && !line.startsWith(';')) out.at(-1)![1].push(line);
  }
  return out;
}

/** The switch names one line of a rendered file refers to. */
function referencesIn(line: string): string[] {
  const refs: string[] = [];
  const add = (re: RegExp) => {
    for (const m of line.matchAll(re)) refs.push(m[1]!);
  };
  add(/\bGoto\(([^,${}()]+),[^,]+,/g);
  add(/\bDial\(PJSIP\/([^,@${}]+)[,)]/g);
  add(/\bDial\(PJSIP\/.*?@([^,)]+)/g);
  add(/\bQueue\(([^,]+),/g);
  add(/\bVoiceMail\([^@]+@([^,)]+)/g);
  add(/^include => (\S+)/g);
  add(/,hint,PJSIP\/(\S+)$/g);
  add(/^(?:context|auth|aors|username) = (\S+)$/g);
  add(/^member => PJSIP\/([^,]+),/g);
  return refs;
}

describe('every name a tenant refers to on the shared switch is its own', () => {
  const files = renderTenants(
    [
      { prefix: '', plan: demoDialPlanInput },
      { prefix: 'acme', plan: richAcme() },
      { prefix: 'beta', plan: demoTenantPlans.find((t) => t.prefix === 'beta')!.plan },
    ],
    { '': demoSecrets, acme: { ...demoSecrets, ...demoTenantSecrets.acme }, beta: demoTenantSecrets.beta! },
  );

  for (const file of ['ringside-extensions.conf', 'ringside-pjsip.conf', 'ringside-queues.conf', 'ringside-pjsip-auth.conf']) {
    it(`in ${file}`, () => {
      const foreign: string[] = [];
      let checked = 0;
      for (const [section, lines] of sectionsOf(files[file]!)) {
        if (SHARED.has(section)) continue;
        const mine = owner(section);
        for (const line of lines) {
          for (const ref of referencesIn(line)) {
            checked++;
            // A trunk's endpoint enters the shared trunk context; nothing else may leave the tenant.
            if (ref === 'ringside-inbound' && line.startsWith('context = ')) continue;
            if (owner(ref) !== mine) foreign.push(`[${section}] ${line.trim()} -> ${ref}`);
          }
        }
      }
      expect(foreign).toEqual([]);
      // Only static queue members are written (dynamic ones join over AMI).
      expect(checked).toBeGreaterThan({ 'ringside-queues.conf': 5, 'ringside-pjsip-auth.conf': 10 }[file] ?? 20);
    });
  }

  it("acme's richer plan leaves by its own trunk and voicemail context, and every tenant's agents context is its own", () => {
    const ext = files['ringside-extensions.conf']!;
    expect(ext).toContain('Dial(PJSIP/+4930123456@acme-2001,60)');
    expect(ext).toContain('VoiceMail(1001@acme-default,u)');
    expect(ext).toContain('Dial(PJSIP/${FILTER(0-9,${EXTEN})}@acme-2001,60)');
    expect(ext).toMatch(/\[acme-ringside-closed-office\]/);
    for (const p of ['acme', 'beta']) expect(ext).toContain(`[${p}-agents]\ninclude => ${p}-ringside-agents`);
  });
});

import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDialPlan, demoTenantPlans, isRingsideError, parseTenantPlans, type DialPlanInput } from '@ringside/shared';
import { absoluteBaseIncludes, BASE_CONFIG_DIR, demoSecrets, demoTenantSecrets, renderAll, renderTenantRuntimeIncludes, renderTenants } from './index.js';

// UPDATE_GOLDEN=1 npm test -- pbx-config/src/multi-tenant rewrites the files; review the diff.
// pbx-sim runs this folder (over the base config) in its multi-tenant test.
const GOLDEN = fileURLToPath(new URL('../golden/multi-tenant/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const files = {
  ...renderTenants(demoTenantPlans, demoTenantSecrets),
  ...renderTenantRuntimeIncludes(parseTenantPlans(demoTenantPlans), demoTenantSecrets, absoluteBaseIncludes(BASE_CONFIG_DIR)),
};

function thrown(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isRingsideError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a RingsideError');
}

const withPlan = (i: number, change: (p: DialPlanInput) => void) =>
  demoTenantPlans.map((t, k) => {
    const plan = structuredClone(t.plan);
    if (k === i) change(plan);
    return { prefix: t.prefix, plan };
  });

describe('two tenants on one switch render to the reviewed golden files', () => {
  for (const [name, text] of Object.entries(files)) {
    it(`${name} matches golden/multi-tenant/${name}`, () => {
      const file = path.join(GOLDEN, name);
      if (update) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file)).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('one default tenant renders byte for byte what renderAll renders', () => {
    expect(renderTenants([{ prefix: '', plan: demoDialPlan }], { '': demoSecrets })).toEqual(renderAll(demoDialPlan, demoSecrets));
  });

  it("each tenant's 1001 is its own endpoint, AOR, auth and queue member, and dialling 1001 stays inside the tenant", () => {
    const ext = files['ringside-extensions.conf']!;
    const agents = (p: string) => ext.split(`[${p}-ringside-agents]`)[1]!.split('\n[')[0]!;
    expect(agents('acme')).toContain('exten => 1001,1,NoOp(Ringside agent 1001)\n same => n,Dial(PJSIP/acme-1001,30,t)');
    expect(agents('acme')).not.toContain('PJSIP/beta-');
    expect(agents('beta')).toContain('Dial(PJSIP/beta-1001,30,t)');
    expect(agents('beta')).not.toContain('PJSIP/acme-');
    expect(files['ringside-pjsip.conf']).toMatch(/\[acme-1001\]\(ringside-agent\)\ncontext = acme-ringside-agents\ncallerid = "Acme agent 1001" <1001>/);
    expect(files['ringside-queues.conf']).toContain('[beta-support](ringside-queue)');
    expect(files['ringside-queues.conf']).toContain('member => PJSIP/acme-1001,0,Acme agent 1001,PJSIP/acme-1001');
  });

  it('the same secret name resolves in each tenant to its own password', () => {
    const auth = files['ringside-pjsip-auth.conf']!;
    expect(auth).toContain('[acme-1001](ringside-auth)\nusername = acme-1001\npassword = acme-1001');
    expect(auth).toContain('[beta-1001](ringside-auth)\nusername = beta-1001\npassword = beta-1001');
    const missing = thrown(() => renderTenants(demoTenantPlans, { ...demoTenantSecrets, beta: { 'sip-1001': 'beta-1001', 'sip-3002': 'beta-3002' } }));
    expect(missing.code).toBe('CONFIG_INVALID');
    expect(missing.message).toContain("tenants.1.plan.endpoints.1.passwordRef: secret 'sip-1002' is missing");
  });

  it('a DID claimed by two tenants is refused with DID_TAKEN naming the DID and both tenants', () => {
    const taken = thrown(() => renderTenants(withPlan(1, (p) => void (p.inboundRoutes![0]!.did = '7001')), demoTenantSecrets));
    expect(taken.code).toBe('INVALID_INPUT');
    expect(taken.message).toContain('tenants.1.plan.inboundRoutes.0.did DID 7001 of tenant beta is already taken by tenant acme [DID_TAKEN]');
    const overlap = thrown(() => renderTenants(withPlan(0, (p) => void (p.inboundRoutes![1]!.did = '8077')), demoTenantSecrets));
    expect(overlap.message).toContain('DID _80[5-9]X of tenant beta can match the same numbers as DID 8077 of tenant acme [DID_TAKEN]');
  });

  it('refuses bad, reserved and repeated prefixes, and default-tenant names that read as another tenant', () => {
    for (const prefix of ['Acme', 'a', 'ac-me', 'acme\r\n[x]', 'ringside']) {
      expect(thrown(() => renderTenants([{ prefix, plan: demoTenantPlans[0]!.plan }], { [prefix]: demoTenantSecrets.acme! })).message).toContain('[INVALID_PREFIX]');
    }
    const twice = [demoTenantPlans[0]!, { prefix: 'acme', plan: demoTenantPlans[1]!.plan }];
    expect(thrown(() => renderTenants(twice, demoTenantSecrets)).message).toContain('tenants.1.prefix tenant acme is listed twice');
    const plan = structuredClone(demoDialPlan) as DialPlanInput;
    plan.inboundRoutes = [];
    plan.queues!.push({ ...structuredClone(demoDialPlan.queues[0]!), name: 'beta-support' });
    const ambiguous = thrown(() => renderTenants([{ prefix: '', plan }, demoTenantPlans[1]!], { '': demoSecrets, beta: demoTenantSecrets.beta! }));
    expect(ambiguous.message).toContain("queue 'beta-support' of the default tenant reads as 'support' of tenant beta");
  });
});

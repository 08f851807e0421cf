import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

async function csv(url: string, pathName: string, cookie: string, body: string, type = 'text/csv') {
  const res = await fetch(`${url}${pathName}`, { method: 'POST', headers: { cookie, 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
}

describe('consent and relationships over HTTP', () => {
  let t: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer();
    for (const [user, pw] of [['agent1', 'agent-demo'], ['supervisor', 'supervisor-demo'], ['admin', 'admin-demo']] as const) {
      cookies[user] = await loginCookie(t.url, user, pw);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function newCustomer(body: Record<string, unknown>): Promise<{ id: string; contactPoints: { id: string }[] }> {
    const created = await api(t.url, '/api/customers', { method: 'POST', cookie: cookies['agent1'], body });
    expect(created.status).toBe(201);
    return created.body.customer;
  }

  it('an agent records a withdrawal and an evidenced grant; the history and current state come back; bad input has stable codes', async () => {
    const c = await newCustomer({ firstName: 'Http', lastName: 'Consent', contactPoints: [{ kind: 'phone', value: '(628) 555-0171' }] });
    const point = c.contactPoints[0]!.id;
    const cookie = cookies['agent1'];
    const noEvidence = await api(t.url, `/api/customers/${c.id}/consent`, { method: 'POST', cookie, body: { contactPointId: point, channel: 'sms', purpose: 'marketing', state: 'granted' } });
    expect([noEvidence.status, noEvidence.body.error.code]).toEqual([400, 'CONSENT_EVIDENCE_REQUIRED']);
    const granted = await api(t.url, `/api/customers/${c.id}/consent`, { method: 'POST', cookie, body: { contactPointId: point, channel: 'sms', purpose: 'marketing', state: 'granted', evidence: { note: 'agreed on the call' } } });
    expect(granted.status).toBe(201);
    expect(granted.body.event).toMatchObject({ address: '+16285550171', method: 'agent', state: 'granted', evidence: { note: 'agreed on the call' } });
    const withdrawn = await api(t.url, `/api/customers/${c.id}/consent`, { method: 'POST', cookie, body: { contactPointId: point, channel: 'voice', purpose: 'service', state: 'withdrawn' } });
    expect(withdrawn.status).toBe(201);
    const read = await api(t.url, `/api/customers/${c.id}/consent`, { cookie });
    expect(read.status).toBe(200);
    expect(read.body.history).toHaveLength(2);
    const current = read.body.contactPoints[0].current.map((x: { channel: string; purpose: string; state: string; allowed: boolean }) => `${x.channel}/${x.purpose}=${x.state}:${x.allowed}`);
    expect(current).toEqual(['voice/service=withdrawn:false', 'voice/marketing=unknown:false', 'sms/service=unknown:true', 'sms/marketing=granted:true']);
    const badChannel = await api(t.url, `/api/customers/${c.id}/consent`, { method: 'POST', cookie, body: { contactPointId: point, channel: 'fax', purpose: 'service', state: 'withdrawn' } });
    expect([badChannel.status, badChannel.body.error.code, badChannel.body.error.issues[0].path]).toEqual([400, 'INVALID_INPUT', 'channel']);
    const wrongPoint = await api(t.url, `/api/customers/${c.id}/consent`, { method: 'POST', cookie, body: { contactPointId: '00000000-0000-4000-8000-000000000000', channel: 'voice', purpose: 'service', state: 'withdrawn' } });
    expect([wrongPoint.status, wrongPoint.body.error.code]).toEqual([404, 'CONTACT_POINT_NOT_FOUND']);
    const missing = await api(t.url, '/api/customers/00000000-0000-4000-8000-000000000000/consent', { cookie });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
  });

  it('only an admin imports a do-not-call list; the import is a CSV body, reported, and idempotent', async () => {
    const c = await newCustomer({ firstName: 'Dnc', lastName: 'Http', contactPoints: [{ kind: 'phone', value: '(628) 555-0172' }] });
    const file = 'number\n628-555-0172\n+1 628 555 0173\nnope\n';
    for (const user of ['agent1', 'supervisor']) {
      const refused = await csv(t.url, '/api/consent/dnc-import', cookies[user]!, file);
      expect([refused.status, refused.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    }
    const first = await csv(t.url, '/api/consent/dnc-import?list=http-test', cookies['admin']!, file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ list: 'http-test', numbers: 2, added: 2, invalid: 1 });
    const again = await csv(t.url, '/api/consent/dnc-import?list=http-test', cookies['admin']!, file);
    expect(again.body).toMatchObject({ added: 0, alreadyListed: 2 });
    const asForm = await csv(t.url, '/api/consent/dnc-import', cookies['admin']!, file, 'text/plain');
    expect([asForm.status, asForm.body.error?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const badQuery = await csv(t.url, '/api/consent/dnc-import?list=a%20b', cookies['admin']!, file);
    expect([badQuery.status, badQuery.body.error?.code]).toEqual([400, 'INVALID_INPUT']);
    const read = await api(t.url, `/api/customers/${c.id}/consent`, { cookie: cookies['agent1'] });
    const marketing = read.body.contactPoints[0].current.filter((x: { purpose: string }) => x.purpose === 'marketing');
    expect(marketing.map((x: { state: string; event: { method: string } }) => [x.state, x.event.method])).toEqual([
      ['withdrawn', 'dnc_list'],
      ['withdrawn', 'dnc_list'],
    ]);
    // Elsewhere the API still speaks JSON only.
    const csvElsewhere = await csv(t.url, '/api/customers', cookies['admin']!, 'a,b');
    expect(csvElsewhere.status).toBe(415);
  });

  it('relationships: every role adds and ends, only supervisors and admins delete; a cycle is 409 RELATIONSHIP_CYCLE', async () => {
    const parent = await newCustomer({ kind: 'organisation', organisationName: 'Http Parent' });
    const child = await newCustomer({ kind: 'organisation', organisationName: 'Http Child' });
    const worker = await newCustomer({ firstName: 'Http', lastName: 'Worker' });
    const agent = cookies['agent1'];
    const added = await api(t.url, `/api/customers/${child.id}/relationships`, { method: 'POST', cookie: agent, body: { type: 'subsidiary_of', fromPartyId: child.id, toPartyId: parent.id } });
    expect(added.status).toBe(201);
    const cycle = await api(t.url, `/api/customers/${parent.id}/relationships`, { method: 'POST', cookie: agent, body: { type: 'subsidiary_of', fromPartyId: parent.id, toPartyId: child.id } });
    expect([cycle.status, cycle.body.error.code]).toEqual([409, 'RELATIONSHIP_CYCLE']);
    const job = await api(t.url, `/api/customers/${parent.id}/relationships`, { method: 'POST', cookie: agent, body: { type: 'employee_of', fromPartyId: worker.id, toPartyId: parent.id, jobTitle: 'CFO', isPrimary: true } });
    expect(job.body.relationships.map((r: { label: string; other: { displayName: string } }) => `${r.label} ${r.other.displayName}`).sort()).toEqual(['employs Http Worker', 'parent of Http Child']);
    const notThis = await api(t.url, `/api/customers/${parent.id}/relationships`, { method: 'POST', cookie: agent, body: { type: 'referred_by', fromPartyId: worker.id, toPartyId: child.id } });
    expect([notThis.status, notThis.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    const relId = added.body.relationships[0].id as string;
    const ended = await api(t.url, `/api/customers/${child.id}/relationships/${relId}/end`, { method: 'POST', cookie: agent, body: {} });
    expect(ended.status).toBe(200);
    expect(ended.body.relationships[0]).toMatchObject({ id: relId, active: false });
    const agentDelete = await api(t.url, `/api/customers/${child.id}/relationships/${relId}`, { method: 'DELETE', cookie: agent });
    expect([agentDelete.status, agentDelete.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await api(t.url, `/api/customers/${child.id}/relationships/${relId}`, { method: 'DELETE', cookie: cookies['supervisor'] })).status).toBe(204);
    const gone = await api(t.url, `/api/customers/${child.id}/relationships/${relId}`, { method: 'DELETE', cookie: cookies['admin'] });
    expect([gone.status, gone.body.error.code]).toEqual([404, 'RELATIONSHIP_NOT_FOUND']);
    expect((await api(t.url, `/api/customers/not-a-uuid/relationships`, { cookie: agent })).status).toBe(404);
  });

  it('the demo seed has the Okafor household, Northwind with its people and hierarchy, and consent with a DNC entry on the shared line', async () => {
    const cookie = cookies['agent1'];
    const find = async (q: string) => (await api(t.url, `/api/customers?q=${encodeURIComponent(q)}`, { cookie })).body.items[0].id as string;
    const labels = async (id: string) => (await api(t.url, `/api/customers/${id}/relationships`, { cookie })).body.relationships.map((r: { label: string; other: { displayName: string }; isPrimary: boolean }) => `${r.label} ${r.other.displayName}${r.isPrimary ? ' (primary)' : ''}`).sort();
    const northwind = (await api(t.url, `/api/customers?q=${encodeURIComponent('+14155550102')}`, { cookie })).body.items[0].id as string;
    expect(await labels(northwind)).toEqual(['employs Nora Lind (primary)', 'employs Tom Reyes', 'has contact Priya Shah', 'parent of Northwind Traders West', 'subsidiary of Northwind Holdings']);
    expect(await labels(await find('david okafor'))).toEqual(['household member with Erin Okafor']);
    const erin = await find('erin okafor');
    const consent = (await api(t.url, `/api/customers/${erin}/consent`, { cookie })).body;
    expect(consent.contactPoints[0].current.filter((x: { purpose: string }) => x.purpose === 'marketing').map((x: { state: string; event: { method: string } }) => `${x.state}:${x.event.method}`)).toEqual(['withdrawn:dnc_list', 'withdrawn:dnc_list']);
    const carol = (await api(t.url, `/api/customers/${await find('carol nguyen')}/consent`, { cookie })).body;
    expect(carol.history.map((e: { state: string; method: string }) => `${e.state}:${e.method}`)).toEqual(['withdrawn:inbound_sms_keyword', 'granted:web_form']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

describe('exporting customers as CSV over HTTP', () => {
  let t: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer();
    for (const [user, pw] of [['agent1', 'agent-demo'], ['supervisor', 'supervisor-demo']] as const) cookies[user] = await loginCookie(t.url, user, pw);
    const create = (body: object) => api(t.url, '/api/customers', { method: 'POST', cookie: cookies['supervisor'], body });
    expect((await create({ firstName: '=HYPERLINK("http://evil.example")', lastName: 'Exportson', notes: 'said "hi", then\nleft', contactPoints: [{ kind: 'phone', value: '+1 415 555 0177' }] })).status).toBe(201);
    expect((await create({ firstName: '@SUM(A1)', lastName: 'Exportson', notes: '-2+3' })).status).toBe(201);
    for (let i = 0; i < 103; i++) expect((await create({ firstName: `Bulk${String(i).padStart(3, '0')}`, lastName: 'Exportson' })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function exportCsv(query: string, cookie: string | undefined) {
    const res = await fetch(`${t.url}/api/customers/export.csv${query}`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
  }

  it('streams every match past one page, quoting and escaping cells a spreadsheet would run', async () => {
    const res = await exportCsv('?q=Exportson', cookies['supervisor']);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    expect(res.disposition).toBe('attachment; filename="customers.csv"');
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(105);
    const evil = rows.find((r) => r['last_name'] === 'Exportson' && r['first_name']?.includes('HYPERLINK'));
    expect(evil).toMatchObject({ first_name: `'=HYPERLINK("http://evil.example")`, notes: 'said "hi", then\nleft', phones: '+14155550177', kind: 'person' });
    const at = rows.find((r) => r['first_name']?.includes('SUM'));
    expect(at).toMatchObject({ first_name: `'@SUM(A1)`, notes: `'-2+3` });
    expect(new Set(rows.map((r) => r['id'])).size).toBe(105);
    expect(res.text.split('\r\n')[0]).toBe('id,kind,name,first_name,last_name,organisation_name,company,email,phones,lifecycle,value_score,notes,created_at');
  });

  it('is for supervisors and admins only, and refuses an unknown parameter', async () => {
    expect((await exportCsv('', cookies['agent1'])).status).toBe(403);
    expect((await exportCsv('', undefined)).status).toBe(401);
    const bad = await exportCsv('?limit=5', cookies['supervisor']);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe('INVALID_INPUT');
  });
});

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

const FILE = ['Id,First,Last,Mail,Phone', 'A1,Ada,Lovelace,ada@example.com,(415) 555-0101', 'A2,Bob,Builder,not-an-email,(415) 555-0102', 'A3,=cmd|calc,Hacker,,', 'A1,Ada,Again,ada2@example.com,'].join('\r\n');
const COLUMNS = { Id: 'externalId', First: 'givenName', Last: 'familyName', Mail: 'email', Phone: 'phone' };

describe('customer import uploads and dry runs over HTTP', () => {
  let t: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer();
    for (const [user, pw] of [['agent1', 'agent-demo'], ['supervisor', 'supervisor-demo']] as const) cookies[user] = await loginCookie(t.url, user, pw);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const upload = (body: string | Buffer, query: string, cookie = cookies['supervisor']) =>
    fetch(`${t.url}/api/customer-imports?${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: cookie ?? '' }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> })); // eslint-disable-line @typescript-eslint/no-explicit-any -- replies read as the route sends them

  it('stores an upload, previews it, dry-runs it under a mapping that is then offered for the next file of the source', async () => {
    const first = await upload(FILE, 'source=legacy-crm&fileName=leads.csv');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ import: { source: 'legacy-crm', fileName: 'leads.csv', bytes: Buffer.byteLength(FILE) }, header: ['Id', 'First', 'Last', 'Mail', 'Phone'], savedMapping: null });
    expect(first.body['sample'][0]).toEqual({ Id: 'A1', First: 'Ada', Last: 'Lovelace', Mail: 'ada@example.com', Phone: '(415) 555-0101' });
    const id = first.body['import'].id as string;

    const dry = await api(t.url, `/api/customer-imports/${id}/dry-run`, { method: 'POST', cookie: cookies['supervisor'], body: { columns: COLUMNS } });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ records: 4, valid: 2, rejected: 2, moreErrors: false });
    expect(dry.body.errors.map((e: { record: number; code: string }) => [e.record, e.code])).toEqual([
      [3, 'INVALID_EMAIL'],
      [5, 'DUPLICATE_EXTERNAL_ID'],
    ]);
    // A dry run writes no customer.
    expect((await api(t.url, '/api/customers?q=Lovelace', { cookie: cookies['supervisor'] })).body.total).toBe(0);

    const second = await upload(FILE, 'source=legacy-crm');
    expect(second.body['savedMapping']).toMatchObject({ source: 'legacy-crm', columns: COLUMNS, encoding: 'utf-8', delimiter: ',' });

    // The real run is a job: its progress is on /api/jobs, its problems in run-errors.csv.
    const run = await api(t.url, `/api/customer-imports/${id}/run`, { method: 'POST', cookie: cookies['supervisor'] });
    expect(run.status).toBe(202);
    let job: Record<string, unknown> = {};
    for (let i = 0; i < 200 && job['state'] !== 'completed'; i++) {
      job = (await api(t.url, `/api/jobs/${run.body.jobId as string}`, { cookie: cookies['supervisor'] })).body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ queue: 'customers.import', label: 'Import of leads.csv', state: 'completed', message: '2 created, 0 updated, 2 rejected' });
    expect((await api(t.url, '/api/customers?q=Lovelace', { cookie: cookies['supervisor'] })).body.total).toBe(1);
    const problems = await fetch(`${t.url}/api/customer-imports/${id}/run-errors.csv`, { headers: { cookie: cookies['supervisor'] ?? '' } });
    expect((parse(await problems.text(), { columns: true }) as { code: string }[]).map((r) => r.code)).toEqual(['INVALID_EMAIL', 'DUPLICATE_EXTERNAL_ID']);
  });

  it('downloads every problem as CSV with imported values escaped against formula injection', async () => {
    const bad = 'Id,First,Last,Mail\r\nB1,Eve,Evil,"=HYPERLINK(""x"")"\r\n';
    const { body } = await upload(bad, 'source=evil-source');
    const id = body['import'].id as string;
    expect((await api(t.url, `/api/customer-imports/${id}/dry-run`, { method: 'POST', cookie: cookies['supervisor'], body: { columns: { Id: 'externalId', First: 'givenName', Last: 'familyName', Mail: 'email' } } })).status).toBe(200);
    const res = await fetch(`${t.url}/api/customer-imports/${id}/errors.csv`, { headers: { cookie: cookies['supervisor'] ?? '' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([{ record: '2', column: 'Mail', code: 'INVALID_EMAIL', message: expect.any(String), value: `'=HYPERLINK("x")` }]);
  });

  it('refuses agents, a file in another encoding than declared (keeping nothing), and unknown imports', async () => {
    expect((await upload(FILE, 'source=x', cookies['agent1'])).status).toBe(403);
    const before = await readdir(path.join(t.dataDir, 'imports'));
    const latin1 = Buffer.concat([Buffer.from('Id,First\r\nC1,'), Buffer.from([0x4a, 0xf6, 0x72, 0x67]), Buffer.from('\r\n')]);
    const refused = await upload(latin1, 'source=latin');
    expect(refused.status).toBe(400);
    expect(refused.body['error'].issues[0].message).toMatch(/^CSV_ENCODING/);
    expect(await readdir(path.join(t.dataDir, 'imports'))).toEqual(before);
    const missing = await api(t.url, '/api/customer-imports/00000000-0000-4000-8000-000000000000/dry-run', { method: 'POST', cookie: cookies['supervisor'], body: { columns: COLUMNS } });
    expect(missing.status).toBe(404);
  });
});

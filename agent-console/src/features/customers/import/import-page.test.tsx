import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { JobRun } from '@ringside/shared';
import { installFakeFetch } from '../../../test-support/fake-fetch.js';
import { renderWithApi } from '../../../test-support/render-with-api.js';
import { ImportPage } from './import-page.js';

const ID = '00000000-0000-4000-8000-0000000000f1';
const JOB: JobRun = { id: '00000000-0000-4000-8000-0000000000f2', queue: 'customers.import', label: 'Import of leads.csv', state: 'active', done: 10, total: null, message: '10 created, 0 updated, 0 rejected', attempts: 1, errorCode: null, errorMessage: null, createdBy: null, createdAt: '2026-12-07T10:00:00.000Z', startedAt: null, finishedAt: null };

describe('customer import page', () => {
  it('uploads a file, offers the saved mapping, shows the dry run, runs the import and follows it to the end', async () => {
    let jobReads = 0;
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/customer-imports' && req.method === 'POST')
        return { status: 201, body: { import: { id: ID, source: 'legacy', fileName: 'leads.csv', bytes: 40, createdAt: JOB.createdAt }, header: ['Id', 'Mail'], sample: [{ Id: 'A1', Mail: 'a@example.com' }], savedMapping: { source: 'legacy', columns: { Id: 'externalId' }, encoding: 'utf-8', delimiter: ',', defaultCountry: 'US' } } };
      if (req.path === `/api/customer-imports/${ID}/dry-run`) return { status: 200, body: { records: 3, valid: 2, rejected: 1, moreErrors: false, errors: [{ record: 3, column: 'Mail', code: 'INVALID_EMAIL', message: 'not an email', value: 'nope' }] } };
      if (req.path === `/api/customer-imports/${ID}/run`) return { status: 202, body: { jobId: JOB.id } };
      if (req.path === `/api/jobs/${JOB.id}`) return { status: 200, body: jobReads++ === 0 ? JOB : { ...JOB, state: 'completed', message: '2 created, 0 updated, 1 rejected' } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<ImportPage />);
    await user.type(screen.getByLabelText('Source'), 'legacy');
    await user.upload(screen.getByLabelText('CSV file'), new File(['Id,Mail\nA1,a@example.com\n'], 'leads.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByLabelText('Field Id')).toHaveValue('externalId');
    const upload = seen.find((r) => r.path === '/api/customer-imports');
    expect(upload?.query.get('source')).toBe('legacy');
    expect(upload?.query.get('fileName')).toBe('leads.csv');
    await user.selectOptions(screen.getByLabelText('Field Mail'), 'email');

    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(await screen.findByText('3 records: 2 valid, 1 refused.')).toBeInTheDocument();
    expect(seen.find((r) => r.path.endsWith('/dry-run'))?.body).toMatchObject({ columns: { Id: 'externalId', Mail: 'email' } });
    const problems = screen.getByRole('table', { name: 'Problems found' });
    expect(within(problems).getByText('INVALID_EMAIL')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download the problems (CSV)' })).toHaveAttribute('href', `/api/customer-imports/${ID}/errors.csv`);

    await user.click(screen.getByRole('button', { name: 'Import 2 customers' }));
    expect(await screen.findByRole('progressbar', { name: 'Import progress' })).toBeInTheDocument();
    expect(await screen.findByText('Import finished: 2 created, 0 updated, 1 rejected.', {}, { timeout: 5_000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download the refused records (CSV)' })).toHaveAttribute('href', `/api/customer-imports/${ID}/run-errors.csv`);
  }, 15_000);
});

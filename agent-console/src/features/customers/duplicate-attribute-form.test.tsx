import { beforeEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { AttributeDefinition, DuplicateCandidate } from '@ringside/shared';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { ADA } from '../../test-support/fixtures.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { Customer360Page } from './customer-360-page.js';
import { CustomerCreatePage } from './customer-create-page.js';
import { CustomerEditPage } from './customer-edit-page.js';
import { CustomerSearchPage } from './customer-search-page.js';

const SEATS: AttributeDefinition = { key: 'seats', label: 'Seats', type: 'number', options: [], required: false, active: true, createdAt: '', updatedAt: '' };
const TIER: AttributeDefinition = { key: 'tier', label: 'Tier', type: 'choice', options: ['gold', 'silver'], required: false, active: true, createdAt: '', updatedAt: '' };
const CANDIDATE: DuplicateCandidate = {
  customer: ADA,
  score: 9.5,
  decision: 'sure',
  evidence: [
    { ruleId: 'phone_exact', attribute: 'phone', weight: 5, left: '+49301234567', right: '+49301234567' },
    { ruleId: 'given_phonetic', attribute: 'given_name', weight: 1.5, left: 'ada', right: 'ada' },
  ],
};

describe('custom attributes and duplicate warnings in the console', () => {
  beforeEach(() => window.history.replaceState(null, '', '/customers/new'));

  it('shows likely duplicates with their evidence before saving, and saves anyway with confirmDuplicate', async () => {
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/customer-attributes') return { status: 200, body: { attributes: [SEATS, TIER] } };
      if (req.path === '/api/customers/duplicate-check') return { status: 200, body: { candidates: [CANDIDATE] } };
      if (req.method === 'POST' && req.path === '/api/customers') return { status: 201, body: { customer: { ...ADA, id: 'new-id' } } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<CustomerCreatePage />);

    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(await screen.findByLabelText('Seats'), '12');
    await user.selectOptions(screen.getByLabelText('Tier'), 'gold');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    const warning = await screen.findByRole('alert', { name: 'This customer may already exist' });
    expect(within(warning).getByText(/almost certainly the same/)).toBeInTheDocument();
    expect(within(warning).getAllByRole('listitem').map((li) => li.textContent)).toEqual(
      expect.arrayContaining(['Phone: +49301234567 ≈ +49301234567 (+5) phone_exact', 'Given name: ada ≈ ada (+1.5) given_phonetic']),
    );
    expect(within(warning).getByRole('link', { name: 'Open existing' })).toHaveAttribute('href', `/customers/${ADA.id}`);
    expect(seen.filter((r) => r.method === 'POST' && r.path === '/api/customers')).toHaveLength(0);
    expect(seen.find((r) => r.path === '/api/customers/duplicate-check')?.body).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });

    await user.click(within(warning).getByRole('button', { name: 'Save anyway' }));
    await screen.findByRole('button', { name: 'Create customer' });
    const posts = seen.filter((r) => r.method === 'POST' && r.path === '/api/customers');
    expect(posts.map((p) => p.body)).toEqual([expect.objectContaining({ firstName: 'Ada', attributes: { seats: 12, tier: 'gold' }, confirmDuplicate: true })]);
    expect(window.location.pathname).toBe('/customers/new-id');
  });

  it("an attribute value the server refuses shows the server's message beside the field", async () => {
    installFakeFetch((req) => {
      if (req.path === '/api/customer-attributes') return { status: 200, body: { attributes: [SEATS] } };
      if (req.path === '/api/customers/duplicate-check') return { status: 200, body: { candidates: [] } };
      if (req.method === 'POST') {
        return { status: 400, body: { error: { code: 'INVALID_INPUT', message: 'invalid', issues: [{ path: 'attributes.seats', message: 'Seats must be a number', code: 'ATTRIBUTE_INVALID' }] } } };
      }
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<CustomerCreatePage />);
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(await screen.findByLabelText('Seats'), 'a dozen');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    const seats = await screen.findByLabelText('Seats');
    await screen.findByText('Seats must be a number');
    expect(seats).toBeInvalid();
    expect(seats).toHaveAccessibleDescription('Seats must be a number');
  });

  it('editing clears a blanked attribute, leaves a deactivated one alone, sends the time zone only when changed, and never reports the customer itself', async () => {
    window.history.replaceState(null, '', `/customers/${ADA.id}/edit`);
    const OLD: AttributeDefinition = { ...SEATS, key: 'legacy', label: 'Legacy code', type: 'text', active: false };
    const stored = { ...ADA, attributes: { seats: 3, legacy: 'L-9' } };
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/customer-attributes') return { status: 200, body: { attributes: [SEATS, OLD] } };
      if (req.path === '/api/customers/duplicate-check') return { status: 200, body: { candidates: [] } };
      if (req.method === 'GET') return { status: 200, body: { customer: stored, interactions: [] } };
      if (req.method === 'PATCH') return { status: 200, body: { customer: stored } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<CustomerEditPage id={ADA.id} />);
    const seats = await screen.findByLabelText('Seats');
    expect(seats).toHaveValue('3');
    expect(screen.queryByLabelText('Legacy code')).toBeNull();
    await user.clear(seats);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('button', { name: 'Save changes' });
    const patch = seen.find((r) => r.method === 'PATCH')?.body as Record<string, unknown>;
    expect(patch['attributes']).toEqual({ seats: null });
    expect('timeZone' in patch).toBe(false);
    expect(seen.find((r) => r.path === '/api/customers/duplicate-check')?.body).toMatchObject({ customerId: ADA.id });
  });

  it('the 360 page lists attribute values with their labels, a deactivated one marked', async () => {
    window.history.replaceState(null, '', `/customers/${ADA.id}`);
    const OLD: AttributeDefinition = { ...SEATS, key: 'legacy', label: 'Legacy code', type: 'text', active: false };
    installFakeFetch((req) => {
      if (req.path === '/api/customer-attributes') return { status: 200, body: { attributes: [SEATS, OLD] } };
      if (req.path === `/api/customers/${ADA.id}`) return { status: 200, body: { customer: { ...ADA, attributes: { legacy: 'L-9', seats: 3 } }, interactions: [] } };
      return undefined;
    });
    renderWithApi(<Customer360Page id={ADA.id} />);
    const region = await screen.findByRole('region', { name: 'Attributes' });
    await within(region).findByText('Legacy code (no longer in use)');
    expect(region).toHaveTextContent('AttributesSeats3Legacy code (no longer in use)L-9');
  });

  it('the search narrows to an attribute value, kept in the URL', async () => {
    window.history.replaceState(null, '', '/customers');
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/customer-attributes') return { status: 200, body: { attributes: [TIER] } };
      if (req.path === '/api/customers') return { status: 200, body: { items: req.query.get('attribute') ? [ADA] : [], total: req.query.get('attribute') ? 1 : 0, totalExact: true } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<CustomerSearchPage />);
    await user.selectOptions(await screen.findByLabelText('With attribute'), 'tier');
    await user.selectOptions(screen.getByLabelText('Tier is'), 'gold');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('link', { name: /Ada Lovelace/ });
    const last = seen.filter((r) => r.path === '/api/customers').pop();
    expect([last?.query.get('attribute'), last?.query.get('value')]).toEqual(['tier', 'gold']);
    expect(window.location.search).toBe('?attribute=tier&value=gold');
  });

  it('a create the server holds back as a duplicate shows the warning when the check before it had failed', async () => {
    let checks = 0;
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/customer-attributes') return { status: 200, body: { attributes: [] } };
      if (req.path === '/api/customers/duplicate-check') {
        checks += 1;
        return checks === 1 ? { status: 503, body: { error: { code: 'DB_UNAVAILABLE', message: 'down' } } } : { status: 200, body: { candidates: [CANDIDATE] } };
      }
      if (req.method === 'POST' && req.path === '/api/customers') return { status: 409, body: { error: { code: 'DUPLICATE_SUSPECTED', message: 'likely duplicate' } } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<CustomerCreatePage />);
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    const warning = await screen.findByRole('alert', { name: 'This customer may already exist' });
    expect(within(warning).getByRole('button', { name: 'Save anyway' })).toBeEnabled();
    expect(seen.filter((r) => r.method === 'POST' && r.path === '/api/customers').map((r) => (r.body as { confirmDuplicate?: boolean }).confirmDuplicate)).toEqual([undefined]);
  });
});

import { beforeEach, describe, expect, it } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { Customer } from '@ringside/shared';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { ADA } from '../../test-support/fixtures.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { CustomerSearchPage } from './customer-search-page.js';

const GRACE: Customer = { ...ADA, id: '22222222-2222-4222-8222-222222222222', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org', contactPoints: [] };
const ACME: Customer = { ...ADA, id: '33333333-3333-4333-8333-333333333333', kind: 'organisation', firstName: null, lastName: null, organisationName: 'Acme Corp', company: null, email: null, contactPoints: [] };

describe('customer search', () => {
  beforeEach(() => window.history.replaceState(null, '', '/customers'));

  it('a phone number typed in any format is searched once typing pauses, and the match shows its formatted number', async () => {
    const seen = installFakeFetch((req) => {
      const q = req.query.get('q') ?? '';
      return { status: 200, body: q === '' ? { items: [ADA, GRACE], total: 2, totalExact: true } : { items: [ADA], total: 1, totalExact: true } };
    });
    const user = userEvent.setup();
    renderWithApi(<CustomerSearchPage />);
    expect(await screen.findByText('2 customers found.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Search customers'), '(030) 123-4567');

    expect(await screen.findByText('1 customer found.')).toBeInTheDocument();
    const searches = seen.filter((r) => r.path === '/api/customers').map((r) => r.query.get('q'));
    // One request for the empty box and one for the settled text: keystrokes are not requests.
    expect(searches).toEqual([null, '(030) 123-4567']);
    const results = screen.getByRole('list', { name: 'Search results' });
    expect(within(results).getByRole('link')).toHaveTextContent('Ada Lovelace');
    expect(within(results).getByRole('link')).toHaveTextContent('+49 30 1234567');
    expect(window.location.search).toBe('?q=%28030%29+123-4567');
  });

  it('arrow keys move from the search box through the results and back', async () => {
    installFakeFetch(() => ({ status: 200, body: { items: [ADA, GRACE, ACME], total: 3, totalExact: true } }));
    const user = userEvent.setup();
    renderWithApi(<CustomerSearchPage />);
    await screen.findByText('3 customers found.');

    await user.click(screen.getByLabelText('Search customers'));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: /Ada Lovelace/ })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: /Grace Hopper/ })).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('link', { name: /Acme Corp/ })).toHaveFocus();
    await user.keyboard('{Home}{ArrowUp}');
    expect(screen.getByLabelText('Search customers')).toHaveFocus();

    await user.keyboard('{ArrowDown}{Enter}');
    expect(window.location.pathname).toBe(`/customers/${ADA.id}`);
  });

  it('pages through a long result list with the page in the URL', async () => {
    const seen = installFakeFetch((req) => ({
      status: 200,
      body: { items: req.query.get('offset') === '25' ? [GRACE] : [ADA], total: 60, totalExact: true },
    }));
    const user = userEvent.setup();
    renderWithApi(<CustomerSearchPage />);

    expect(await screen.findByText('Page 1 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByRole('link', { name: /Grace Hopper/ })).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 3')).toBeInTheDocument();
    expect(window.location.search).toBe('?page=2');
    expect(seen.at(-1)?.query.get('limit')).toBe('25');

    act(() => window.history.back());
    expect(await screen.findByRole('link', { name: /Ada Lovelace/ })).toBeInTheDocument();
  });

  it('says when the server stopped counting, so the agent types more', async () => {
    installFakeFetch(() => ({ status: 200, body: { items: [ADA, GRACE], total: 100, totalExact: false } }));
    renderWithApi(<CustomerSearchPage />);
    expect(await screen.findByText('More than 100 customers found: type more to narrow it down.')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 4')).toBeInTheDocument();
  });
});

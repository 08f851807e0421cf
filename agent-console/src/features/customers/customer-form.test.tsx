import { beforeEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { ADA } from '../../test-support/fixtures.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { CustomerCreatePage } from './customer-create-page.js';
import { CustomerEditPage } from './customer-edit-page.js';

describe('customer form', () => {
  beforeEach(() => window.history.replaceState(null, '', '/customers/new'));

  it('an invalid email and a person without a name show inline errors and nothing is sent', async () => {
    const seen = installFakeFetch(() => undefined);
    const user = userEvent.setup();
    renderWithApi(<CustomerCreatePage />);

    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    const email = screen.getByLabelText('Email');
    expect(email).toBeInvalid();
    expect(email).toHaveAccessibleDescription('Enter an email address like name@example.com.');
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('A person needs a first or last name.');
    // Focus goes to the first bad field on the page, not the first issue the schema reported.
    expect(screen.getByLabelText('First name')).toHaveFocus();
    expect(seen.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('a valid customer with a contact point is sent as the shared schema body and opens the new 360 page', async () => {
    const seen = installFakeFetch((req) =>
      req.method === 'POST' && req.path === '/api/customers' ? { status: 201, body: { customer: { ...ADA, id: 'new-id' } } } : undefined,
    );
    const user = userEvent.setup();
    renderWithApi(<CustomerCreatePage />);

    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(screen.getByLabelText('Email'), 'ada@example.org');
    await user.selectOptions(screen.getByLabelText('Lifecycle'), 'prospect');
    await user.click(screen.getByRole('button', { name: 'Add contact point' }));
    expect(screen.getByLabelText('Number or address of contact 1')).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Add contact point' }));
    await user.type(screen.getByLabelText('Number or address of contact 1'), 'to be removed');
    await user.type(screen.getByLabelText('Number or address of contact 2'), '+49 30 1234567');
    await user.type(screen.getByLabelText('Label of contact 2 (optional)'), 'office');
    await user.click(screen.getByRole('button', { name: 'Remove contact 1' }));
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    await screen.findByRole('button', { name: 'Create customer' });
    const posts = seen.filter((r) => r.method === 'POST' && r.path === '/api/customers');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({
      kind: 'person',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.org',
      lifecycle: 'prospect',
      valueScore: 0,
      contactPoints: [{ kind: 'phone', value: '+49 30 1234567', label: 'office' }],
    });
    expect(window.location.pathname).toBe('/customers/new-id');
  });

  it("the server's field issues appear beside the field they concern", async () => {
    installFakeFetch(() => ({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: 'invalid input', issues: [{ path: 'contactPoints.0.value', message: 'not a phone number' }] } },
    }));
    const user = userEvent.setup();
    renderWithApi(<CustomerCreatePage />);

    await user.click(screen.getByRole('radio', { name: 'Organisation' }));
    await user.type(screen.getByLabelText('Organisation name'), 'Babbage & Co');
    await user.click(screen.getByRole('button', { name: 'Add contact point' }));
    await user.type(screen.getByLabelText('Number or address of contact 1'), '12');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(await screen.findByText('not a phone number')).toBeInTheDocument();
    expect(screen.getByLabelText('Number or address of contact 1')).toHaveAccessibleDescription('not a phone number');
    expect(screen.getByRole('alert')).toHaveTextContent('The server did not accept some fields');
    expect(window.location.pathname).toBe('/customers/new');
  });

  it('editing sends every shown field, null for a cleared one, with the stored contact points, and returns to the 360 page', async () => {
    window.history.replaceState(null, '', `/customers/${ADA.id}/edit`);
    const seen = installFakeFetch((req) => {
      if (req.method === 'GET') return { status: 200, body: { customer: ADA, interactions: [] } };
      if (req.method === 'PATCH') return { status: 200, body: { customer: { ...ADA, valueScore: 90 } } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<CustomerEditPage id={ADA.id} />);

    const score = await screen.findByLabelText('Value score (0–100)');
    await user.clear(score);
    await user.type(score, '90');
    await user.clear(screen.getByLabelText('Company'));
    const contacts = screen.getByRole('group', { name: 'Contact points' });
    expect(within(contacts).getByLabelText('Number or address of contact 1')).toHaveValue('030 1234567');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('button', { name: 'Save changes' });
    const patch = seen.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe(`/api/customers/${ADA.id}`);
    expect(patch?.body).toEqual({
      kind: 'person',
      salutation: 'Lady',
      firstName: 'Ada',
      lastName: 'Lovelace',
      birthDate: '1915-12-10',
      language: 'en-GB',
      company: null,
      email: 'ada@example.org',
      lifecycle: 'customer',
      valueScore: 90,
      notes: 'Prefers calls in the morning.',
      contactPoints: [{ kind: 'phone', value: '030 1234567', label: 'office' }],
    });
    expect(window.location.pathname).toBe(`/customers/${ADA.id}`);
  });
});

import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { ADA, ADA_INTERACTIONS } from '../../test-support/fixtures.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { Customer360Page } from './customer-360-page.js';

describe('customer 360', () => {
  it('shows who the customer is, their formatted phone number and notes', async () => {
    installFakeFetch((req) => (req.path === `/api/customers/${ADA.id}` ? { status: 200, body: { customer: ADA, interactions: ADA_INTERACTIONS } } : undefined));
    renderWithApi(<Customer360Page id={ADA.id} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(screen.getByText('Person · Analytical Engines Ltd')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '+49 30 1234567' })).toHaveAttribute('href', 'tel:+49301234567');
    expect(screen.getByText('87 of 100')).toBeInTheDocument();
    expect(screen.getByText('Prefers calls in the morning.')).toBeInTheDocument();
  });

  it('renders the timeline newest first with direction, queue, agent, durations, disposition, notes and recording', async () => {
    installFakeFetch(() => ({ status: 200, body: { customer: ADA, interactions: ADA_INTERACTIONS } }));
    renderWithApi(<Customer360Page id={ADA.id} />);

    const timeline = await screen.findByRole('list', { name: 'Interactions (2)' });
    const entries = within(timeline).getAllByRole('article');
    expect(entries).toHaveLength(2);

    const [callback, inbound] = entries as [HTMLElement, HTMLElement];
    expect(callback).toHaveTextContent('Outbound');
    expect(callback).toHaveTextContent('Queuesales');
    expect(callback).toHaveTextContent('AgentSam Supervisor');
    expect(callback).toHaveTextContent('Talk1:09:55');
    expect(callback).toHaveTextContent('Dispositionupsell');
    expect(within(callback).queryByRole('link')).not.toBeInTheDocument();

    expect(inbound).toHaveTextContent('Inbound');
    expect(inbound).toHaveTextContent('Queuesupport');
    expect(inbound).toHaveTextContent('AgentAlex Agent');
    expect(inbound).toHaveTextContent('Number+49 30 1234567');
    expect(inbound).toHaveTextContent('Wait0:42');
    expect(inbound).toHaveTextContent('Talk4:18');
    expect(inbound).toHaveTextContent('Hold0:15');
    // The timeline speaks the wrap-up form's words, not the stored code.
    expect(inbound).toHaveTextContent('DispositionResolved');
    expect(inbound).toHaveTextContent('Reset the billing address.');
    expect(within(inbound).getByRole('link', { name: 'Play recording' })).toHaveAttribute('href', '/recordings/1700000000.1.wav');
  });

  it('marks a call still in progress and one whose end the server missed (closed by recovery)', async () => {
    const running = { ...ADA_INTERACTIONS[0]!, id: 'i-open', status: 'open' as const, closedBy: null, endedAt: null };
    const recovered = { ...ADA_INTERACTIONS[1]!, id: 'i-rec', closedBy: 'recovery' as const };
    installFakeFetch(() => ({ status: 200, body: { customer: ADA, interactions: [running, recovered] } }));
    renderWithApi(<Customer360Page id={ADA.id} />);
    const entries = within(await screen.findByRole('list', { name: 'Interactions (2)' })).getAllByRole('article');
    const marks = entries.map((e) => [within(e).queryByText('In progress') !== null, within(e).queryByText('Closed by recovery') !== null]);
    // Newest first: the recovered outbound call, then the inbound one still running.
    expect(marks).toEqual([
      [false, true],
      [true, false],
    ]);
    expect(screen.getByText('Closed by recovery')).toHaveAttribute('title', expect.stringContaining('server was down'));
  });

  it('never turns a stored recording value into a script link', async () => {
    const evil = { ...ADA_INTERACTIONS[0]!, recording: 'javascript:alert(1)' };
    installFakeFetch(() => ({ status: 200, body: { customer: ADA, interactions: [evil] } }));
    renderWithApi(<Customer360Page id={ADA.id} />);

    expect(await screen.findByText('Recording: javascript:alert(1)')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Play recording' })).not.toBeInTheDocument();
  });

  it('shows the person details, contact purposes and the change history with who changed what', async () => {
    const changes = [
      { id: 2, customerId: ADA.id, entity: 'customer', entityId: ADA.id, action: 'update', field: 'lastName', oldValue: 'Byron', newValue: 'Lovelace', changedBy: 'u1', changedByName: 'Alex Agent', changedAt: '2025-03-04T10:00:00.000Z' },
      { id: 1, customerId: ADA.id, entity: 'contact_point', entityId: 'cp1', action: 'create', field: null, oldValue: null, newValue: { kind: 'phone', value: '030 1234567' }, changedBy: null, changedByName: null, changedAt: '2025-01-02T09:00:00.000Z' },
    ];
    installFakeFetch((req) => {
      if (req.path === `/api/customers/${ADA.id}`) return { status: 200, body: { customer: ADA, interactions: [] } };
      if (req.path === `/api/customers/${ADA.id}/history`) return { status: 200, body: { changes } };
      return undefined;
    });
    renderWithApi(<Customer360Page id={ADA.id} />);

    const details = await screen.findByRole('region', { name: 'Details' });
    expect(details).toHaveTextContent('SalutationLady');
    expect(details).toHaveTextContent('Birth date1915-12-10');
    expect(details).toHaveTextContent('Time zoneEurope/London');
    expect(screen.getByRole('region', { name: 'Contact' })).toHaveTextContent('Phone (work, primary, office)');

    const history = await screen.findByRole('list', { name: 'History' });
    const entries = within(history).getAllByRole('listitem');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent('Alex Agent changed the record lastName from Byron to Lovelace');
    expect(entries[1]).toHaveTextContent('System created a contact point · 030 1234567');
  });

  it('says so when the history cannot be loaded, and still shows the record', async () => {
    installFakeFetch((req) => {
      if (req.path === `/api/customers/${ADA.id}`) return { status: 200, body: { customer: ADA, interactions: [] } };
      if (req.path === `/api/customers/${ADA.id}/history`) return { status: 503, body: { error: { code: 'DB_UNAVAILABLE', message: 'database down' } } };
      return undefined;
    });
    renderWithApi(<Customer360Page id={ADA.id} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(await screen.findByText(/The history could not be loaded/)).toBeInTheDocument();
  });

  it('an unknown id says the customer was not found and links back to the search', async () => {
    installFakeFetch(() => ({ status: 404, body: { error: { code: 'CUSTOMER_NOT_FOUND', message: 'no such customer' } } }));
    renderWithApi(<Customer360Page id="nope" />);

    expect(await screen.findByRole('heading', { name: 'Customer not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the customer search' })).toHaveAttribute('href', '/customers');
  });
});

import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ConsentEvent, Customer, CustomerConsent, PartyRelationship } from '@ringside/shared';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { ADA, AGENT_USER } from '../../test-support/fixtures.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { Customer360Page } from './customer-360-page.js';
import { ScreenPopPanel } from '../agent/screen-pop-panel.js';

const DNC: ConsentEvent = {
  id: 'ev-dnc', address: '+49301234567', addressKind: 'phone', contactPointId: null, customerId: null, channel: 'voice', purpose: 'marketing', state: 'withdrawn',
  occurredAt: '2024-03-01T00:00:00.000Z', recordedAt: '2024-03-01T00:00:00.000Z', method: 'dnc_list', actor: 'dnc:national', evidence: { file: 'national', row: 1 },
};

function consentOf(history: ConsentEvent[]): CustomerConsent {
  const latest = (channel: 'voice' | 'sms', purpose: 'service' | 'marketing') => history.find((e) => e.channel === channel && e.purpose === purpose) ?? null;
  return {
    contactPoints: [
      {
        contactPointId: 'cp1',
        address: '+49301234567',
        current: (['voice', 'sms'] as const).flatMap((channel) =>
          (['service', 'marketing'] as const).map((purpose) => {
            const e = latest(channel, purpose);
            return { channel, purpose, state: e ? e.state : ('unknown' as const), since: e?.occurredAt ?? null, event: e, allowed: e ? e.state === 'granted' : purpose === 'service' };
          }),
        ),
      },
    ],
    history,
  };
}

const NORTHWIND: Customer = { ...ADA, id: '22222222-2222-4222-8222-222222222222', kind: 'organisation', firstName: null, lastName: null, organisationName: 'Northwind Traders', company: null, contactPoints: [] };

function rel(extra: Partial<PartyRelationship> & Pick<PartyRelationship, 'id' | 'type' | 'direction' | 'label' | 'other'>): PartyRelationship {
  return { fromPartyId: '', toPartyId: '', jobTitle: null, isPrimary: false, validFrom: '2023-04-01T00:00:00.000Z', validTo: null, active: true, ...extra };
}

describe('consent and relationships on the 360 page', () => {
  it('shows consent per contact point with its default, the history, and records a withdrawal with evidence', async () => {
    let history: ConsentEvent[] = [DNC];
    const seen = installFakeFetch((req) => {
      if (req.path === `/api/customers/${ADA.id}`) return { status: 200, body: { customer: ADA, interactions: [] } };
      if (req.path === `/api/customers/${ADA.id}/relationships`) return { status: 200, body: { relationships: [] } };
      if (req.path === `/api/customers/${ADA.id}/consent` && req.method === 'GET') return { status: 200, body: consentOf(history) };
      if (req.path === `/api/customers/${ADA.id}/consent` && req.method === 'POST') {
        const event: ConsentEvent = { ...DNC, id: 'ev-2', channel: 'sms', purpose: 'service', state: 'withdrawn', method: 'agent', occurredAt: '2025-05-05T10:00:00.000Z', evidence: { note: 'asked on the call' } };
        history = [event, ...history];
        return { status: 201, body: { event } };
      }
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<Customer360Page id={ADA.id} />);

    const table = await screen.findByRole('table', { name: /Consent for/ });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toMatch(/^VoiceServiceUnknownallowed \(default\)$/);
    expect(rows[1]).toMatch(/^VoiceMarketingWithdrawn · .+not allowed$/);
    expect(rows[3]).toMatch(/^SMSMarketingUnknownnot allowed \(default\)$/);
    expect(screen.getByRole('list', { name: 'Consent history' })).toHaveTextContent('by a do-not-call list');

    await user.selectOptions(screen.getByLabelText('Channel'), 'sms');
    await user.selectOptions(screen.getByLabelText('Purpose'), 'service');
    await user.type(screen.getByLabelText(/Evidence/), 'asked on the call');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Consent recorded.')).toBeInTheDocument();
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ contactPointId: 'cp1', channel: 'sms', purpose: 'service', state: 'withdrawn', evidence: { note: 'asked on the call' } });
    expect(await within(screen.getByRole('table', { name: /Consent for/ })).findByText(/May 5, 2025/, { selector: 'td' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Consent history' }).children).toHaveLength(2);
  });

  it('a refused grant shows the server\'s reason', async () => {
    installFakeFetch((req) => {
      if (req.path === `/api/customers/${ADA.id}`) return { status: 200, body: { customer: ADA, interactions: [] } };
      if (req.path.endsWith('/relationships')) return { status: 200, body: { relationships: [] } };
      if (req.path.endsWith('/history')) return { status: 200, body: { changes: [] } };
      if (req.method === 'GET') return { status: 200, body: consentOf([]) };
      return { status: 400, body: { error: { code: 'CONSENT_EVIDENCE_REQUIRED', message: 'a grant recorded by an agent needs evidence' } } };
    });
    const user = userEvent.setup();
    renderWithApi(<Customer360Page id={ADA.id} />);
    await user.selectOptions(await screen.findByLabelText('State'), 'granted');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A grant needs evidence: write what the customer agreed to, and where.');
  });

  it("an organisation's page lists its people apart from its hierarchy, both ways, and an agent ends one", async () => {
    let items: PartyRelationship[] = [
      rel({ id: 'r1', type: 'employee_of', direction: 'incoming', label: 'employs', other: { id: 'p1', kind: 'person', displayName: 'Nora Lind' }, jobTitle: 'Purchasing manager', isPrimary: true }),
      rel({ id: 'r2', type: 'contact_of', direction: 'incoming', label: 'has contact', other: { id: 'p2', kind: 'person', displayName: 'Priya Shah' } }),
      rel({ id: 'r3', type: 'subsidiary_of', direction: 'outgoing', label: 'subsidiary of', other: { id: 'o1', kind: 'organisation', displayName: 'Northwind Holdings' } }),
      rel({ id: 'r4', type: 'subsidiary_of', direction: 'incoming', label: 'parent of', other: { id: 'o2', kind: 'organisation', displayName: 'Northwind Traders West' } }),
    ];
    const seen = installFakeFetch((req) => {
      if (req.path === `/api/customers/${NORTHWIND.id}`) return { status: 200, body: { customer: NORTHWIND, interactions: [] } };
      if (req.path === `/api/customers/${NORTHWIND.id}/consent`) return { status: 200, body: { contactPoints: [], history: [] } };
      if (req.path === `/api/customers/${NORTHWIND.id}/relationships/r2/end`) {
        items = items.map((r) => (r.id === 'r2' ? { ...r, active: false, validTo: '2025-06-01T00:00:00.000Z' } : r));
        return { status: 200, body: { relationships: items } };
      }
      if (req.path === `/api/customers/${NORTHWIND.id}/relationships`) return { status: 200, body: { relationships: items } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<Customer360Page id={NORTHWIND.id} />);

    const people = await screen.findByRole('list', { name: 'People' });
    expect(within(people).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^employs Nora Lind · Purchasing manager primary contactEnd$/),
      expect.stringMatching(/^has contact Priya ShahEnd$/),
    ]);
    expect(within(people).getByRole('link', { name: 'Nora Lind' })).toHaveAttribute('href', '/customers/p1');
    const hierarchy = screen.getByRole('list', { name: 'Relationships' });
    expect(within(hierarchy).getAllByRole('listitem').map((li) => li.textContent?.replace(/End$/, ''))).toEqual(['subsidiary of Northwind Holdings', 'parent of Northwind Traders West']);

    await user.click(within(people).getByRole('button', { name: 'End relationship with Priya Shah' }));
    expect(await within(people).findByText(/ended/)).toBeInTheDocument();
    expect(within(people).queryByRole('button', { name: 'End relationship with Priya Shah' })).not.toBeInTheDocument();
    expect(seen.some((r) => r.method === 'POST' && r.path.endsWith('/r2/end'))).toBe(true);
  });

  it('adds "employs" from an organisation: finds the person, sends the person as the from end, with job title and primary flag', async () => {
    const nora: Customer = { ...ADA, id: '33333333-3333-4333-8333-333333333333', firstName: 'Nora', lastName: 'Lind', company: null };
    const seen = installFakeFetch((req) => {
      if (req.path === `/api/customers/${NORTHWIND.id}`) return { status: 200, body: { customer: NORTHWIND, interactions: [] } };
      if (req.path === `/api/customers/${NORTHWIND.id}/consent`) return { status: 200, body: { contactPoints: [], history: [] } };
      if (req.path === '/api/customers') return { status: 200, body: { items: [NORTHWIND, nora], total: 2 } };
      if (req.path === `/api/customers/${NORTHWIND.id}/relationships` && req.method === 'POST') {
        return { status: 201, body: { relationships: [rel({ id: 'r9', type: 'employee_of', direction: 'incoming', label: 'employs', other: { id: nora.id, kind: 'person', displayName: 'Nora Lind' }, jobTitle: 'Buyer', isPrimary: true })] } };
      }
      if (req.path === `/api/customers/${NORTHWIND.id}/relationships`) return { status: 200, body: { relationships: [] } };
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApi(<Customer360Page id={NORTHWIND.id} />);
    await user.selectOptions(await screen.findByLabelText('Relationship'), 'employs');
    await user.type(screen.getByLabelText('Find the other party'), 'nora');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.queryByRole('button', { name: 'Choose Northwind Traders' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Choose Nora Lind' }));
    await user.type(screen.getByLabelText('Job title'), 'Buyer');
    await user.click(screen.getByLabelText('Primary contact'));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await within(screen.getByRole('list', { name: 'People' })).findByText('Nora Lind')).toBeInTheDocument();
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ type: 'employee_of', fromPartyId: nora.id, toPartyId: NORTHWIND.id, jobTitle: 'Buyer', isPrimary: true });
  });

  it('the screen pop of a person of an organisation names the organisation with a link to it', () => {
    installFakeFetch(() => undefined);
    renderWithApi(
      <ScreenPopPanel
        pop={{
          callId: 'c1', tenant: { id: AGENT_USER.tenant.id, slug: 'demo', name: 'Demo Call Center' }, agentId: 'a1', callerNumber: { raw: '+49301234567', e164: '+49301234567' }, queue: 'support', ivrPath: [], waitSeconds: 3,
          match: { kind: 'single', customer: ADA, lastInteractions: [], openItems: [], organisations: [{ id: NORTHWIND.id, kind: 'organisation', displayName: 'Northwind Traders' }] },
        }}
      />,
    );
    expect(screen.getByRole('heading', { level: 3, name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(screen.getByText('Of', { exact: false, selector: 'p' })).toHaveTextContent('Of Northwind Traders');
    expect(screen.getByRole('link', { name: 'Northwind Traders' })).toHaveAttribute('href', `/customers/${NORTHWIND.id}`);
  });
});

import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { customerDisplayName, type Customer, type PartyRelationship, type RelationshipType } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { Link } from '../../routing/link.js';
import { errorText } from '../../session/error-text.js';
import { formatDateTime } from './customer-format.js';
import { searchCustomers } from './customers-api.js';
import { addRelationship, endRelationship, getRelationships, partyErrorText } from './party-api.js';

/** What the current party can add, read from its side: the type and whether it is the "from" end. */
interface AddOption {
  key: string;
  label: string;
  type: RelationshipType;
  selfIsFrom: boolean;
  staff: boolean;
}

const PERSON_OPTIONS: AddOption[] = [
  { key: 'employee_of', label: 'employee of', type: 'employee_of', selfIsFrom: true, staff: true },
  { key: 'contact_of', label: 'contact of', type: 'contact_of', selfIsFrom: true, staff: true },
  { key: 'household_member', label: 'household member with', type: 'household_member', selfIsFrom: true, staff: false },
  { key: 'referred_by', label: 'referred by', type: 'referred_by', selfIsFrom: true, staff: false },
];
const ORG_OPTIONS: AddOption[] = [
  { key: 'employs', label: 'employs', type: 'employee_of', selfIsFrom: false, staff: true },
  { key: 'has_contact', label: 'has contact', type: 'contact_of', selfIsFrom: false, staff: true },
  { key: 'subsidiary_of', label: 'subsidiary of', type: 'subsidiary_of', selfIsFrom: true, staff: false },
  { key: 'parent_of', label: 'parent of', type: 'subsidiary_of', selfIsFrom: false, staff: false },
  { key: 'referred_by', label: 'referred by', type: 'referred_by', selfIsFrom: true, staff: false },
];

type Load = { status: 'loading' } | { status: 'ok'; items: PartyRelationship[] } | { status: 'error'; message: string };

const isPerson = (r: PartyRelationship) => r.direction === 'incoming' && (r.type === 'employee_of' || r.type === 'contact_of');

/**
 * Relationships both ways. An organisation's people (its employees and contacts) get their own
 * list; everything else (hierarchy, household, referrals) is under Relationships.
 */
export function RelationshipsPanel({ customer }: { customer: Customer }) {
  const http = useApi();
  const id = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const apply = (items: PartyRelationship[]) => setLoad({ status: 'ok', items });
  const reload = useCallback(
    (signal?: AbortSignal) =>
      getRelationships(http, customer.id, signal).then(
        (r) => setLoad({ status: 'ok', items: r.relationships }),
        (err: unknown) => {
          if (!signal?.aborted) setLoad({ status: 'error', message: errorText(err) });
        },
      ),
    [http, customer.id],
  );
  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  const end = async (rel: PartyRelationship) => {
    setError(null);
    try {
      apply((await endRelationship(http, customer.id, rel.id)).relationships);
    } catch (err) {
      setError(partyErrorText(err));
    }
  };

  if (load.status !== 'ok') {
    return (
      <section className="card relationships" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('relationships.title')}</h2>
        {load.status === 'loading' ? (
          <p role="status">{t('relationships.loading')}</p>
        ) : (
          <p role="alert" className="error-text">
            {load.message}
          </p>
        )}
      </section>
    );
  }
  const org = customer.kind === 'organisation';
  const people = org ? load.items.filter(isPerson) : [];
  const others = org ? load.items.filter((r) => !isPerson(r)) : load.items;
  return (
    <>
      {org && (
        <section className="card relationships" aria-labelledby={`${id}-people`}>
          <h2 id={`${id}-people`}>{t('relationships.people')}</h2>
          <RelationshipList items={people} labelledBy={`${id}-people`} onEnd={(r) => void end(r)} />
        </section>
      )}
      <section className="card relationships" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('relationships.title')}</h2>
        <RelationshipList items={others} labelledBy={`${id}-title`} onEnd={(r) => void end(r)} />
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <AddRelationshipForm customer={customer} onAdded={apply} />
      </section>
    </>
  );
}

function RelationshipList({ items, labelledBy, onEnd }: { items: PartyRelationship[]; labelledBy: string; onEnd: (r: PartyRelationship) => void }) {
  if (items.length === 0) return <p>{t('relationships.none')}</p>;
  return (
    <ul aria-labelledby={labelledBy} className="relationships__list">
      {items.map((r) => (
        <li key={r.id} className={r.active ? undefined : 'relationships__ended'}>
          {r.label} <Link to={`/customers/${r.other.id}`}>{r.other.displayName}</Link>
          {r.jobTitle ? ` · ${r.jobTitle}` : ''}
          {r.isPrimary && <span className="badge"> {t('relationships.primary')}</span>}
          {r.validTo && !r.active ? ` · ${t('relationships.ended', { when: formatDateTime(r.validTo) })}` : ''}
          {r.active && (
            <button type="button" className="button--small" aria-label={t('relationships.endLabel', { name: r.other.displayName })} onClick={() => onEnd(r)}>
              {t('relationships.end')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function AddRelationshipForm({ customer, onAdded }: { customer: Customer; onAdded: (items: PartyRelationship[]) => void }) {
  const http = useApi();
  const id = useId();
  const options = customer.kind === 'organisation' ? ORG_OPTIONS : PERSON_OPTIONS;
  const [optionKey, setOptionKey] = useState(options[0]!.key);
  const option = options.find((o) => o.key === optionKey) ?? options[0]!;
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<Customer[] | null>(null);
  const [other, setOther] = useState<Customer | null>(null);
  const [jobTitle, setJobTitle] = useState('');
  const [isPrimary, setIsPrimary] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async () => {
    setError(null);
    try {
      const page = await searchCustomers(http, { q, limit: 8, offset: 0 });
      setMatches(page.items.filter((c) => c.id !== customer.id));
    } catch (err) {
      setError(partyErrorText(err));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!other) return;
    setError(null);
    try {
      const [from, to] = option.selfIsFrom ? [customer.id, other.id] : [other.id, customer.id];
      const result = await addRelationship(http, customer.id, {
        type: option.type,
        fromPartyId: from,
        toPartyId: to,
        ...(option.staff && jobTitle.trim() ? { jobTitle: jobTitle.trim() } : {}),
        ...(option.staff ? { isPrimary } : {}),
      });
      setOther(null);
      setMatches(null);
      setQ('');
      setJobTitle('');
      setIsPrimary(false);
      onAdded(result.relationships);
    } catch (err) {
      setError(partyErrorText(err));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} className="relationships__form">
      <h3 id={`${id}-title`}>{t('relationships.add')}</h3>
      <label htmlFor={`${id}-kind`}>{t('relationships.kind')}</label>
      <select id={`${id}-kind`} value={optionKey} onChange={(e) => setOptionKey(e.target.value)}>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-q`}>{t('relationships.find')}</label>
      <input id={`${id}-q`} value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="button" onClick={() => void search()} disabled={q.trim() === ''}>
        {t('relationships.search')}
      </button>
      {matches && matches.length === 0 && <p>{t('relationships.noMatches')}</p>}
      {matches && matches.length > 0 && !other && (
        <ul className="relationships__matches">
          {matches.map((m) => {
            const name = customerDisplayName(m) || m.id;
            return (
              <li key={m.id}>
                <button type="button" onClick={() => setOther(m)} aria-label={t('relationships.choose', { name })}>
                  {name}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {other && <p>{t('relationships.chosen', { name: customerDisplayName(other) })}</p>}
      {option.staff && (
        <>
          <label htmlFor={`${id}-job`}>{t('relationships.jobTitle')}</label>
          <input id={`${id}-job`} value={jobTitle} maxLength={120} onChange={(e) => setJobTitle(e.target.value)} />
          <label>
            <input type="checkbox" checked={isPrimary} onChange={(e) => setIsPrimary(e.target.checked)} /> {t('relationships.isPrimary')}
          </label>
        </>
      )}
      <button type="submit" disabled={!other}>
        {t('relationships.save')}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </form>
  );
}

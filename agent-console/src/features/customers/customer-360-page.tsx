import { useId, useState } from 'react';
import { customerDisplayName, type Customer, type Role } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { Link } from '../../routing/link.js';
import { ClickToDial } from '../phone/click-to-dial-button.js';
import { CONTACT_KIND_KEYS, contactText, formatDateTime, LIFECYCLE_KEYS, PURPOSE_KEYS } from './customer-format.js';
import { CustomerHistory } from './customer-history.js';
import { InteractionTimeline } from './interaction-timeline.js';
import { ConsentPanel } from './consent-panel.js';
import { MergedFromBanner } from '../identity/merged-from-banner.js';
import { RelationshipsPanel } from './relationships-panel.js';
import { AttributeFacts } from './attribute-fields.js';
import { useAttributeDefinitions } from './attributes-api.js';
import { useCustomerRecord, type RecordState } from './use-customer-record.js';

/** Everything known about one customer: identity, details, contact points, notes, the interaction timeline and the change history. */
export function Customer360Page({ id, role = 'agent' }: { id: string; role?: Role }) {
  const [refresh, setRefresh] = useState(0);
  const state = useCustomerRecord(id, refresh);
  const headingId = useId();
  const definitions = useAttributeDefinitions();

  if (state.status !== 'ok') return <CustomerRecordPending state={state} />;

  const { customer, interactions, mergedFrom } = state.record;
  return (
    <section className="page customer360" aria-labelledby={`${headingId}-name`}>
      <div className="page__head">
        <div>
          <h1 id={`${headingId}-name`}>{customerDisplayName(customer) || t('customer.unnamed')}</h1>
          <Subtitle customer={customer} />
        </div>
        <Link to={`/customers/${customer.id}/edit`} className="button">
          {t('customer.edit')}
        </Link>
      </div>

      {mergedFrom && (
        <p role="status" className="notice">
          {t('identity.redirected')}
        </p>
      )}
      {role !== 'agent' && <MergedFromBanner key={`${customer.id}/${refresh}`} customerId={customer.id} onChanged={() => setRefresh((n) => n + 1)} />}

      <dl className="facts facts--summary">
        <div>
          <dt>{t('customer.lifecycle')}</dt>
          <dd>
            <span className="badge">{t(LIFECYCLE_KEYS[customer.lifecycle])}</span>
          </dd>
        </div>
        <div>
          <dt>{t('customer.valueScore')}</dt>
          <dd>
            <meter min={0} max={100} low={34} high={67} optimum={100} value={customer.valueScore} aria-hidden="true" />{' '}
            {t('customer.valueScoreOf', { score: customer.valueScore })}
          </dd>
        </div>
        <div>
          <dt>{t('customer.updated')}</dt>
          <dd>
            <time dateTime={customer.updatedAt}>{formatDateTime(customer.updatedAt)}</time>
          </dd>
        </div>
      </dl>

      <div className="columns">
        <section aria-labelledby={`${headingId}-details`} className="card">
          <h2 id={`${headingId}-details`}>{t('customer.details')}</h2>
          <Details customer={customer} />
        </section>
        <section aria-labelledby={`${headingId}-contact`} className="card">
          <h2 id={`${headingId}-contact`}>{t('customer.contact')}</h2>
          <ContactList customer={customer} />
        </section>
        <section aria-labelledby={`${headingId}-attributes`} className="card">
          <h2 id={`${headingId}-attributes`}>{t('attributes.section')}</h2>
          <AttributeFacts customer={customer} definitions={definitions ?? []} />
        </section>
        <section aria-labelledby={`${headingId}-notes`} className="card">
          <h2 id={`${headingId}-notes`}>{t('customer.notes')}</h2>
          {customer.notes ? <p className="notes">{customer.notes}</p> : <p>{t('customer.noNotes')}</p>}
        </section>
      </div>

      <div className="columns">
        <RelationshipsPanel customer={customer} />
        <ConsentPanel customer={customer} />
      </div>

      <section aria-labelledby={`${headingId}-timeline`}>
        <h2 id={`${headingId}-timeline`}>{t('timeline.title', { count: interactions.length })}</h2>
        <InteractionTimeline interactions={interactions} headingId={`${headingId}-timeline`} />
      </section>

      <section aria-labelledby={`${headingId}-history`}>
        <h2 id={`${headingId}-history`}>{t('history.title')}</h2>
        <CustomerHistory customerId={customer.id} headingId={`${headingId}-history`} refreshKey={customer.updatedAt} />
      </section>
    </section>
  );
}

function Subtitle({ customer }: { customer: Customer }) {
  const parts =
    customer.kind === 'organisation'
      ? [t('customer.kind.organisation')]
      : [t('customer.kind.person'), customer.company ?? customer.organisationName];
  return <p className="subtitle">{parts.filter(Boolean).join(' · ')}</p>;
}

function Details({ customer }: { customer: Customer }) {
  const facts: [string, string | null][] =
    customer.kind === 'organisation'
      ? [
          [t('customer.legalName'), customer.organisationName],
          [t('customer.tradingName'), customer.tradingName],
          [t('customer.registrationNumber'), customer.registrationNumber],
          [t('customer.industry'), customer.industry],
          [t('customer.sizeBand'), customer.sizeBand],
          [t('customer.language'), customer.language],
          [t('customer.timeZone'), customer.timeZone],
        ]
      : [
          [t('customer.salutation'), customer.salutation],
          [t('customer.birthDate'), customer.birthDate],
          [t('customer.language'), customer.language],
          [t('customer.timeZone'), customer.timeZone],
        ];
  const shown = facts.filter(([, v]) => v);
  if (shown.length === 0) return <p>{t('customer.noDetails')}</p>;
  return (
    <dl className="facts">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Purpose, primary and verified flags of a contact point, e.g. "work, primary". */
function contactTags(cp: Customer['contactPoints'][number]): string {
  const tags = [t(PURPOSE_KEYS[cp.purpose]), cp.primary ? t('customer.primary') : null, cp.verifiedAt ? t('customer.verified') : null, cp.label];
  return tags.filter(Boolean).join(', ');
}

function ContactList({ customer }: { customer: Customer }) {
  if (!customer.email && customer.contactPoints.length === 0) return <p>{t('customer.noContact')}</p>;
  return (
    <ul className="contacts">
      {customer.email && (
        <li>
          <span className="contacts__kind">{t('customer.email')}</span> <a href={`mailto:${customer.email}`}>{customer.email}</a>
        </li>
      )}
      {customer.contactPoints.map((cp) => {
        const text = contactText(cp);
        const href = cp.kind === 'email' ? `mailto:${cp.value}` : cp.e164 ? `tel:${cp.e164}` : null;
        return (
          <li key={cp.id}>
            <span className="contacts__kind">
              {t(CONTACT_KIND_KEYS[cp.kind])} ({contactTags(cp)})
            </span>{' '}
            {cp.kind !== 'email' && cp.kind !== 'address' && cp.e164 ? (
              <ClickToDial number={cp.e164} label={text} customerId={customer.id} />
            ) : href ? (
              <a href={href}>{text}</a>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Shown for an id no customer has, with the way back to the search. */
export function CustomerMissing() {
  return (
    <section className="page">
      <h1>{t('customer.notFound.title')}</h1>
      <p>{t('customer.notFound.body')}</p>
      <p>
        <Link to="/customers">{t('customer.backToSearch')}</Link>
      </p>
    </section>
  );
}

/** What a customer page shows until its record is in: loading, no such customer, or the error. */
export function CustomerRecordPending({ state }: { state: Exclude<RecordState, { status: 'ok' }> }) {
  if (state.status === 'loading') return <p role="status">{t('customer.loading')}</p>;
  if (state.status === 'notFound') return <CustomerMissing />;
  return (
    <section className="page">
      <h1>{t('customer.loadFailed')}</h1>
      <p role="alert" className="error-text">
        {state.message}
      </p>
    </section>
  );
}

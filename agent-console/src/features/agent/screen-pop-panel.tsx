import { useId, useState } from 'react';
import { customerDisplayName, type Customer, type CustomerCandidate, type Interaction, type OpenItem, type RelatedParty, type ScreenPop } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { callerText } from '../../realtime/live-format.js';
import { Link } from '../../routing/link.js';
import { ClickToDial } from '../phone/click-to-dial-button.js';
import { CustomerForm } from '../customers/customer-form.js';
import { emptyFormValues, newContactDraft } from '../customers/customer-form-model.js';
import { contactText, DIRECTION_KEYS, formatDateTime, LIFECYCLE_KEYS } from '../customers/customer-format.js';
import { createCustomer } from '../customers/customers-api.js';
import { checkDuplicates, useAttributeDefinitions } from '../customers/attributes-api.js';
import { useCustomerRecord } from '../customers/use-customer-record.js';

const LAST_INTERACTIONS = 5;

/**
 * Who is calling: the matched customer, a chooser between several, or a form to add a new one.
 * `showTenant`: name the tenant the call is for (an agent answering for several clients).
 */
export function ScreenPopPanel({ pop, showTenant = false }: { pop: ScreenPop; showTenant?: boolean }) {
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [created, setCreated] = useState<Customer | null>(null);
  const number = callerText(pop.callerNumber.raw, pop.callerNumber.e164);

  let body;
  if (created) body = <CustomerCard customer={created} interactions={[]} openItems={[]} />;
  else if (chosen) body = <ChosenCustomer id={chosen} onBack={() => setChosen(null)} />;
  else if (pop.match.kind === 'pending') body = <p role="status">{t('pop.pending')}</p>;
  else if (pop.match.kind === 'single')
    body = <CustomerCard customer={pop.match.customer} interactions={pop.match.lastInteractions} openItems={pop.match.openItems} organisations={pop.match.organisations ?? []} />;
  else if (pop.match.kind === 'multiple') body = <Chooser candidates={pop.match.candidates} onChoose={setChosen} />;
  else body = <NewCustomer phone={pop.match.prefill.phone} onCreated={setCreated} />;

  return (
    <section className="card screen-pop" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('pop.title', { number })}
        {showTenant && pop.tenant.name && <span className="badge pop-tenant">{t('pop.forTenant', { tenant: pop.tenant.name })}</span>}
      </h2>
      {body}
    </section>
  );
}

function CustomerCard({ customer, interactions, openItems, organisations = [] }: { customer: Customer; interactions: Interaction[]; openItems: OpenItem[]; organisations?: RelatedParty[] }) {
  const id = useId();
  const name = customerDisplayName(customer) || t('customer.unnamed');
  const phones = customer.contactPoints.filter((cp) => cp.kind === 'phone');
  return (
    <article aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>
        <Link to={`/customers/${customer.id}`}>{name}</Link>
      </h3>
      {organisations.length > 0 && (
        <p className="pop-organisations">
          {t('pop.worksFor')}{' '}
          {organisations.map((o, n) => (
            <span key={o.id}>
              {n > 0 ? ', ' : ''}
              <Link to={`/customers/${o.id}`}>{o.displayName}</Link>
            </span>
          ))}
        </p>
      )}
      <p className="subtitle">
        {[customer.company, customer.email].filter(Boolean).join(' · ')} <span className="badge">{t(LIFECYCLE_KEYS[customer.lifecycle])}</span>
      </p>
      {phones.length > 0 && (
        <ul className="contacts">
          {phones.map((cp) => (
            <li key={cp.id}>
              <ClickToDial number={cp.e164 ?? cp.value} label={contactText(cp)} customerId={customer.id} />
            </li>
          ))}
        </ul>
      )}
      {customer.notes && <p className="notes">{customer.notes}</p>}
      <h4>{t('pop.openItems')}</h4>
      {openItems.length === 0 ? (
        <p>{t('pop.noOpenItems')}</p>
      ) : (
        <ul>
          {openItems.map((o) => (
            <li key={o.id}>
              {t(o.kind === 'ticket' ? 'pop.ticket' : 'pop.task')}: {o.title} <span className="badge">{o.status}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('pop.lastInteractions')}</h4>
      {interactions.length === 0 ? (
        <p>{t('timeline.empty')}</p>
      ) : (
        <ul className="pop-interactions">
          {[...interactions]
            .sort((a, b) => b.offeredAt.localeCompare(a.offeredAt))
            .slice(0, LAST_INTERACTIONS)
            .map((i) => (
              <li key={i.id}>
                <time dateTime={i.offeredAt}>{formatDateTime(i.offeredAt)}</time> · {t(DIRECTION_KEYS[i.direction])}
                {i.queue && ` · ${i.queue}`}
                {i.disposition && ` · ${i.disposition}`}
                {i.abandoned && ` · ${t('timeline.abandoned')}`}
                {i.notes && <span className="notes"> — {i.notes}</span>}
              </li>
            ))}
        </ul>
      )}
    </article>
  );
}

function candidateName(c: CustomerCandidate): string {
  return customerDisplayName(c) || t('customer.unnamed');
}

function Chooser({ candidates, onChoose }: { candidates: CustomerCandidate[]; onChoose(id: string): void }) {
  return (
    <>
      <p>{t('pop.several', { count: candidates.length })}</p>
      <ul className="pop-candidates">
        {candidates.map((c) => (
          <li key={c.id}>
            <button type="button" className="button" onClick={() => onChoose(c.id)}>
              {t('pop.choose', { name: candidateName(c) })}
            </button>{' '}
            <span className="hint-inline">{[c.company ?? c.organisationName, c.email].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function ChosenCustomer({ id, onBack }: { id: string; onBack(): void }) {
  const state = useCustomerRecord(id);
  return (
    <>
      <button type="button" className="button button--quiet" onClick={onBack}>
        {t('pop.backToChoice')}
      </button>
      {state.status === 'loading' && <p role="status">{t('customer.loading')}</p>}
      {state.status === 'notFound' && <p role="alert">{t('customer.notFound.body')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
      {state.status === 'ok' && <CustomerCard customer={state.record.customer} interactions={state.record.interactions} openItems={[]} />}
    </>
  );
}

function NewCustomer({ phone, onCreated }: { phone: string; onCreated(c: Customer): void }) {
  const http = useApi();
  const [initial] = useState(() => ({ ...emptyFormValues(), contactPoints: [{ ...newContactDraft('phone'), value: phone }] }));
  const definitions = useAttributeDefinitions();
  return (
    <>
      <p>{t('pop.none')}</p>
      <CustomerForm
        initial={initial}
        mode="create"
        cancelTo="/agent"
        definitions={definitions ?? []}
        checkDuplicates={(input) => checkDuplicates(http, input)}
        onSubmit={async (input, confirmed) => {
          onCreated(await createCustomer(http, { ...input, ...(confirmed ? { confirmDuplicate: true } : {}) }));
        }}
      />
    </>
  );
}

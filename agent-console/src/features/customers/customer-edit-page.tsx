import { useId } from 'react';
import { customerDisplayName } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { navigate } from '../../routing/history.js';
import { CustomerRecordPending } from './customer-360-page.js';
import { CustomerForm } from './customer-form.js';
import { formValuesFrom, toCustomerPatch } from './customer-form-model.js';
import { updateCustomer } from './customers-api.js';
import { checkDuplicates, useAttributeDefinitions } from './attributes-api.js';
import { useCustomerRecord } from './use-customer-record.js';

/** Edit an existing customer; saving returns to its 360 page. */
export function CustomerEditPage({ id }: { id: string }) {
  const http = useApi();
  const headingId = useId();
  const state = useCustomerRecord(id);
  const definitions = useAttributeDefinitions();

  if (state.status !== 'ok') return <CustomerRecordPending state={state} />;
  const { customer } = state.record;
  const shownAttributes = (definitions ?? []).filter((d) => d.active).map((d) => d.key);
  return (
    <section className="page" aria-labelledby={headingId}>
      <h1 id={headingId}>{t('customer.editTitle', { name: customerDisplayName(customer) || t('customer.unnamed') })}</h1>
      <CustomerForm
        // A fresh form per stored version, so a reload after saving shows what the server kept.
        key={customer.updatedAt}
        initial={formValuesFrom(customer)}
        mode="edit"
        cancelTo={`/customers/${customer.id}`}
        definitions={definitions ?? []}
        checkDuplicates={(input) => checkDuplicates(http, { ...input, customerId: customer.id })}
        onSubmit={async (input) => {
          await updateCustomer(http, customer.id, toCustomerPatch(input, { shownAttributes, shownTimeZone: customer.timeZone }));
          navigate(`/customers/${customer.id}`);
        }}
      />
    </section>
  );
}

import { useId, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { navigate } from '../../routing/history.js';
import { createCustomer } from './customers-api.js';
import { CustomerForm } from './customer-form.js';
import { emptyFormValues } from './customer-form-model.js';

/** New customer: on 201 the user lands on the new customer's 360 page. */
export function CustomerCreatePage() {
  const http = useApi();
  const id = useId();
  const [initial] = useState(emptyFormValues);
  return (
    <section className="page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('customers.new')}</h1>
      <CustomerForm
        initial={initial}
        mode="create"
        cancelTo="/customers"
        onSubmit={async (input) => {
          const customer = await createCustomer(http, input);
          navigate(`/customers/${customer.id}`);
        }}
      />
    </section>
  );
}

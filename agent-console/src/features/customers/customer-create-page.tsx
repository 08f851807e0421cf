import { useId, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { navigate } from '../../routing/history.js';
import { useAttributeDefinitions, checkDuplicates } from './attributes-api.js';
import { createCustomer } from './customers-api.js';
import { CustomerForm } from './customer-form.js';
import { emptyFormValues } from './customer-form-model.js';

/** New customer: likely duplicates are shown before saving; on 201 the user lands on the new customer's 360 page. */
export function CustomerCreatePage() {
  const http = useApi();
  const id = useId();
  const [initial] = useState(emptyFormValues);
  const definitions = useAttributeDefinitions();
  return (
    <section className="page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('customers.new')}</h1>
      <CustomerForm
        initial={initial}
        mode="create"
        cancelTo="/customers"
        // The fields come while the definitions load: attributes appear when they arrive.
        definitions={definitions ?? []}
        checkDuplicates={(input) => checkDuplicates(http, input)}
        onSubmit={async (input, confirmed) => {
          const customer = await createCustomer(http, { ...input, ...(confirmed ? { confirmDuplicate: true } : {}) });
          navigate(`/customers/${customer.id}`);
        }}
      />
    </section>
  );
}

import { useEffect, useState } from 'react';
import { isApiError } from '../../api/api-error.js';
import { useApi } from '../../api/api-context.js';
import { errorText } from '../../session/error-text.js';
import { getCustomer, type CustomerRecord } from './customers-api.js';

/** Loading state of one customer record. */
export type RecordState =
  | { status: 'loading' }
  | { status: 'ok'; record: CustomerRecord }
  | { status: 'notFound' }
  | { status: 'error'; message: string };

/** Loads GET /api/customers/:id (again when refreshKey changes), cancelling when the id changes or the page closes. */
export function useCustomerRecord(id: string, refreshKey: unknown = 0): RecordState {
  const http = useApi();
  const [state, setState] = useState<RecordState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getCustomer(http, id, controller.signal).then(
      (record) => setState({ status: 'ok', record }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const missing = isApiError(err, 'CUSTOMER_NOT_FOUND') || isApiError(err, 'NOT_FOUND') || isApiError(err, 'INVALID_INPUT');
        setState(missing ? { status: 'notFound' } : { status: 'error', message: errorText(err) });
      },
    );
    return () => controller.abort();
  }, [http, id, refreshKey]);
  return state;
}

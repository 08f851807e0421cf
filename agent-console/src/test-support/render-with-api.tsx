import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../api/api-context.js';
import { createHttpClient } from '../api/http-client.js';

/** Renders one page with the real HttpClient over whatever global fetch the test installed. */
export function renderWithApi(ui: ReactElement) {
  return render(<ApiProvider client={createHttpClient()}>{ui}</ApiProvider>);
}

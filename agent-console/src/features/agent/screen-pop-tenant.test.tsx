import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { adaPop } from '../../test-support/live-fixtures.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { ScreenPopPanel } from './screen-pop-panel.js';

const ACME = { id: '7e318976-a8db-44d0-93e0-b498132f88d6', slug: 'acme', name: 'Acme Insurance' };

describe('the tenant on the screen pop', () => {
  it('an agent working for several tenants sees whose caller it is', () => {
    installFakeFetch(() => undefined);
    renderWithApi(<ScreenPopPanel pop={adaPop({ tenant: ACME })} showTenant />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('for Acme Insurance');
  });

  it('an agent of one tenant only is not told the obvious', () => {
    installFakeFetch(() => undefined);
    renderWithApi(<ScreenPopPanel pop={adaPop({ tenant: ACME })} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).not.toContain('Acme');
  });
});

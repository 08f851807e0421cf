import { describe, expect, it } from '@jest/globals';
import { t } from './t.js';

describe('message catalogue', () => {
  it('fills every placeholder of a message with its parameter', () => {
    expect(t('customers.pager.position', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(t('login.title')).toBe('Sign in to Ringside');
  });
});

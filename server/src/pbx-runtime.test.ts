import { describe, expect, it } from '@jest/globals';
import { worstPbxState } from './pbx-runtime.js';

describe('readiness of the switch connections', () => {
  it('is only connected when AMI and ARI both are; a down ARI makes the switch not ready', () => {
    expect(worstPbxState('connected', 'connected')).toBe('connected');
    expect(worstPbxState('connected', 'disconnected')).toBe('disconnected');
    expect(worstPbxState('connecting', 'connected')).toBe('connecting');
    expect(worstPbxState('connected', undefined)).toBe('connected');
    expect(worstPbxState('disabled')).toBe('disabled');
  });
});

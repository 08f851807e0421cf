import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDialPlan } from '@ringside/shared';
import { demoSecrets, renderAll } from './index.js';

// UPDATE_GOLDEN=1 npm test -- --selectProjects pbx-config rewrites the files; review the diff.
const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const files = renderAll(demoDialPlan, demoSecrets);

describe('the demo center renders to the reviewed golden files', () => {
  it('renders exactly the seven ringside files', () => {
    expect(Object.keys(files)).toEqual([
      'ringside-extensions.conf',
      'ringside-queues.conf',
      'ringside-pjsip.conf',
      'ringside-pjsip-auth.conf',
      'ringside-manager.conf',
      'ringside-ari.conf',
      'ringside-http.conf',
    ]);
  });

  for (const [name, text] of Object.entries(files)) {
    it(`${name} matches golden/${name}`, () => {
      const file = path.join(GOLDEN, name);
      if (update) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file)).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('renders the same bytes every time', () => {
    expect(renderAll(structuredClone(demoDialPlan), { ...demoSecrets })).toEqual(files);
  });
});

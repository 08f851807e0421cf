import { AmiParser, mapAmiEvent } from '@ringside/server';
import { loadAmiCorpus } from './dist/ami-corpus.js';
const corpus = loadAmiCorpus();
const chunks = [];
for (let i = 0; i < corpus.block.length; i += 65536) chunks.push(corpus.block.subarray(i, i + 65536));
for (const mode of ['parse', 'parse+map', 'parse', 'parse+map']) {
  let n = 0, m = 0;
  const p = new AmiParser({ frame: mode === 'parse' ? () => n++ : (e) => { n++; m += mapAmiEvent(e, 1).length; } });
  const t = performance.now();
  for (let r = 0; r < 100; r++) for (const c of chunks) p.push(c);
  const dt = performance.now() - t;
  console.log(mode, Math.round(n / dt * 1000), 'events/s', m);
}

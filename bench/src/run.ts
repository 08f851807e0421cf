import { runAmiIngest } from './ami-ingest.js';

// `npm run bench -- <name> [--events N] [--runs N]`: runs one benchmark (or all of them) and
// ends with exactly one JSON line per benchmark.

type Bench = (args: { events?: number; runs?: number }) => Promise<Record<string, unknown>>;

const BENCHES: Record<string, Bench> = {
  'ami-ingest': async (args) => {
    const r = await runAmiIngest(args);
    return { bench: 'ami-ingest', events_per_s: Math.round(r.eventsPerSecond), baseline_events_per_s: Math.round(r.baselineEventsPerSecond) };
  },
};

function numberFlag(argv: string[], flag: string): number | undefined {
  const i = argv.indexOf(flag);
  if (i < 0) return undefined;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const names = argv.filter((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--'));
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  const args = { events: numberFlag(argv, '--events'), runs: numberFlag(argv, '--runs') };
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const line = await (BENCHES[name] as Bench)(args);
    console.log(JSON.stringify(line));
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

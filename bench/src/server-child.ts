import { createServer, loadConfig, type RingsideServer } from '@ringside/server';

// A Ringside server in its own process, configured by the environment the bench hands it: the
// bench's 2,000 socket clients must not share an event loop with the server they measure.

let server: RingsideServer | null = null;
const send = (m: unknown) => process.send?.(m);

async function start(): Promise<void> {
  server = createServer(loadConfig(process.env));
  const { port } = await server.start();
  const ami = server.parts().pbx.ami;
  if (ami) await ami.whenReady(30_000);
  send({ type: 'ready', port });
}

async function stop(code: number): Promise<void> {
  try {
    await server?.stop();
  } finally {
    process.exit(code);
  }
}

process.on('message', (m: { cmd?: string }) => {
  if (m.cmd === 'stop') void stop(0);
});
process.on('disconnect', () => void stop(0));
start().catch((err: unknown) => {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  void stop(1);
});

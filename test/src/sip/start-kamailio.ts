import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { renderKamailioConfig } from './kamailio-config.js';

/** Debian's Kamailio; .ci/run installs it (with its WebSocket modules) when missing. */
export const KAMAILIO = process.env.KAMAILIO_PATH ?? '/usr/sbin/kamailio';

/** A running test registrar. */
export interface RunningKamailio {
  port: number;
  /** Where browsers connect: ws://127.0.0.1:<port>. */
  wsUri: string;
  /** What Kamailio has written to stderr so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Writes the config into a temp dir and starts Kamailio in the foreground; resolves once its port accepts. */
export async function startKamailio(timeoutMs = 20_000): Promise<RunningKamailio> {
  if (!existsSync(KAMAILIO)) {
    throw new Error(`Kamailio not found at ${KAMAILIO}: run .ci/run (it installs the Debian packages kamailio and kamailio-websocket-modules) or "apt-get install -y kamailio kamailio-websocket-modules".`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-kamailio-'));
  const port = await freePort();
  const cfg = path.join(dir, 'kamailio.cfg');
  await writeFile(cfg, renderKamailioConfig({ port }));
  // -DD: stay in the foreground (workers still fork); -E: log to stderr, which we keep.
  const child = spawn(KAMAILIO, ['-DD', '-E', '-f', cfg, '-P', path.join(dir, 'kamailio.pid'), '-Y', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const gone = exited(child);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`Kamailio exited (${child.exitCode ?? child.signalCode}) before listening:\n${output.slice(-4000)}`);
    }
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Kamailio did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, wsUri: `ws://127.0.0.1:${port}`, log: () => output, stop };
}

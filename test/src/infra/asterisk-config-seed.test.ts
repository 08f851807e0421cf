import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServer, loadConfig } from '@ringside/server';
import { confFiles, confIncludes } from './asterisk-conf.js';

/** A loopback port nothing listens on: the server's AMI client keeps retrying it in the background. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// docker-compose: the server seeds the volume Asterisk mounts at /etc/asterisk, before Asterisk
// runs (it starts after the server is healthy), so the server must boot without a switch.
describe('a server in PBX_MODE=asterisk prepares the folder Asterisk reads', () => {
  let root: string;
  let amiPort: number;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ringside-seed-'));
    amiPort = await closedPort();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function boot(configDir: string): Promise<void> {
    const server = createServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: path.join(root, 'data'),
        LOG_LEVEL: 'silent',
        PBX_MODE: 'asterisk',
        AMI_HOST: '127.0.0.1',
        AMI_PORT: String(amiPort),
        AMI_SECRET: 'ami-test-secret',
        ARI_PASSWORD: 'ari-test-secret',
        ARI_URL: `http://127.0.0.1:${amiPort}`,
        PBX_CONFIG_DIR: configDir,
      }),
    );
    try {
      await server.start();
    } finally {
      await server.stop();
    }
  }

  it('fills an empty folder with the base config and the rendered dial plan, every relative #include resolving', async () => {
    const dir = path.join(root, 'empty');
    await boot(dir);
    expect(confFiles(dir)).toEqual(expect.arrayContaining(['asterisk.conf', 'extensions.conf', 'manager.conf', 'pjsip.conf', 'queues.conf', 'ringside-extensions.conf', 'ringside-queues.conf', 'ringside-pjsip.conf']));
    const missing = confIncludes(dir).filter((inc) => !path.isAbsolute(inc.target) && !existsSync(path.join(dir, inc.target)));
    expect(missing).toEqual([]);
    // The demo plan before the first publish: the main menu on 5000.
    expect(await readFile(path.join(dir, 'ringside-extensions.conf'), 'utf8')).toContain('[ringside-ivr-main]');
  }, 60_000);

  it('leaves a folder that already holds a config alone: a restart keeps what publishes wrote', async () => {
    const dir = path.join(root, 'kept');
    await boot(dir);
    const marker = '; published by an admin before this restart\n';
    const file = path.join(dir, 'ringside-extensions.conf');
    await writeFile(file, marker);
    const before = readdirSync(dir).sort();
    await boot(dir);
    expect(await readFile(file, 'utf8')).toBe(marker);
    expect(readdirSync(dir).sort()).toEqual(before);
  }, 60_000);
});

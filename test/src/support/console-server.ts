import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createServer, loadConfig, type RingsideServer } from '@ringside/server';
import { launchBrowser } from './browser.js';
import { ensureConsoleBuilt } from './console-build.js';

/** The built console served by a real server on PGlite with the demo seed, and Chromium, for one describe block. */
export interface ConsoleServer {
  readonly url: string;
  readonly server: RingsideServer;
  readonly browser: Browser;
  /** Opens `at` (default /), signs in through the login form and waits for the main navigation. */
  signIn(page: Page, user: string, password: string, at?: string): Promise<void>;
}

/** Starts the server and the browser before the block's tests and removes both (and the data folder) after. */
export function useConsoleServer(): ConsoleServer {
  let server: RingsideServer | undefined;
  let browser: Browser | undefined;
  let url = '';
  let dataDir = '';
  beforeAll(async () => {
    const consoleDir = ensureConsoleBuilt();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-e2e-'));
    server = createServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PBX_MODE: 'none', CONSOLE_DIR: consoleDir }));
    url = `http://127.0.0.1:${(await server.start()).port}`;
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('the console server is used before its beforeAll ran');
    return part;
  };
  return {
    get url() {
      return url;
    },
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async signIn(page, user, password, at = '/') {
      await page.goto(`${url}${at}`);
      await page.getByLabel('Username').fill(user);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    },
  };
}

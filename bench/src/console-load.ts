import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { barChart, writeChart } from './chart.js';
import { loadAverage, median, progress } from './bench-stats.js';
import { ServerProcess } from './server-process.js';

/** What the console bench measured. */
export interface ConsoleResult {
  loginGzipKb: number;
  allGzipKb: number;
  fcpMs: number;
  interactiveMs: number;
  baselineFcpMs: number;
  baselineInteractiveMs: number;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONSOLE_DIST = path.join(REPO, 'agent-console', 'dist');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

// The baseline: the same form as plain HTML, so the difference is what the console's JS costs.
const TINY_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tiny</title><link rel="icon" href="data:,"></head>
<body><main><form><h1>Sign in</h1><label>User <input name="username"></label><label>Password <input name="password" type="password"></label><button type="submit">Sign in</button></form></main></body></html>`;

// Runs in the page before any of its scripts: notes when a usable sign-in form first exists.
const WATCH_FORM = `(() => {
  const check = () => {
    if (window.__formReadyAt !== undefined) return;
    const button = document.querySelector('form button[type="submit"]');
    if (document.querySelector('form input[name="password"]') && button && !button.disabled) window.__formReadyAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
})();`;

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

/** The JS/CSS index.html loads (entry script, stylesheets, modulepreloads). */
function referencedAssets(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) out.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]*\srel="(?:stylesheet|modulepreload)"[^>]*\shref="([^"]+)"/g)) out.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]*\shref="([^"]+)"[^>]*\srel="(?:stylesheet|modulepreload)"/g)) out.add(m[1] as string);
  return [...out].filter((u) => /\.(m?js|css)$/.test(u));
}

async function loadOnce(browser: Browser, url: string): Promise<{ fcp: number; ready: number; assets: Map<string, number> }> {
  // A fresh context per load: empty cache, no cookies, a cold page.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FORM });
    const assets = new Map<string, number>();
    page.on('response', (r) => {
      if (/\.(m?js|css)(\?|$)/.test(r.url())) assets.set(new URL(r.url()).pathname, r.status());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('window.__formReadyAt !== undefined', undefined, { timeout: 30_000 });
    await page.waitForFunction("performance.getEntriesByName('first-contentful-paint').length > 0", undefined, { timeout: 30_000 });
    const [fcp, ready] = await page.evaluate<[number, number]>("[performance.getEntriesByName('first-contentful-paint')[0].startTime, window.__formReadyAt]");
    return { fcp, ready, assets };
  } finally {
    await context.close();
  }
}

/**
 * The console's transfer size (gzipped JS/CSS for the sign-in page and for every chunk) and the
 * cold first-screen time in headless Chromium on loopback, against a tiny static page served by
 * the same server process.
 */
export async function runConsole(opts: { loads?: number }): Promise<ConsoleResult> {
  const loads = opts.loads ?? 7;
  if (!existsSync(path.join(CONSOLE_DIST, 'index.html'))) {
    progress('console: building the agent console (npm run build -w @ringside/agent-console)');
    execFileSync('npm', ['run', 'build', '-w', '@ringside/agent-console'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // A private copy: the console keeps serving the same build even if someone rebuilds meanwhile.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-console-'));
  const consoleDir = path.join(dir, 'console');
  await cp(CONSOLE_DIST, consoleDir, { recursive: true });
  await writeFile(path.join(consoleDir, 'tiny.html'), TINY_HTML);
  const html = await readFile(path.join(consoleDir, 'index.html'), 'utf8');
  const loginAssets = referencedAssets(html);
  let loginGzip = 0;
  for (const a of loginAssets) loginGzip += gz(await readFile(path.join(consoleDir, a)));
  const allFiles = (await readdir(path.join(consoleDir, 'assets'))).filter((f) => /\.(m?js|css)$/.test(f));
  let allGzip = 0;
  let allRaw = 0;
  for (const f of allFiles) {
    const b = await readFile(path.join(consoleDir, 'assets', f));
    allGzip += gz(b);
    allRaw += b.length;
  }
  const server = await ServerProcess.start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(dir, 'data'), PBX_MODE: 'none', SEED_DEMO: 'false', LOG_LEVEL: 'warn', CONSOLE_DIR: consoleDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const app: Array<{ fcp: number; ready: number }> = [];
    const tiny: Array<{ fcp: number; ready: number }> = [];
    let fetched = new Map<string, number>();
    // One unmeasured load of each warms the server process and Chromium, not the page cache.
    await loadOnce(browser, `${server.url}/`);
    await loadOnce(browser, `${server.url}/tiny.html`);
    for (let i = 0; i < loads; i++) {
      const a = await loadOnce(browser, `${server.url}/`);
      fetched = a.assets;
      app.push(a);
      tiny.push(await loadOnce(browser, `${server.url}/tiny.html`));
      progress(`  load ${i + 1}/${loads}: console FCP ${a.fcp.toFixed(0)} ms, form ready ${a.ready.toFixed(0)} ms; tiny page FCP ${tiny.at(-1)!.fcp.toFixed(0)} ms`);
    }
    const load = loadAverage();
    const r: ConsoleResult = {
      loginGzipKb: loginGzip / 1024,
      allGzipKb: allGzip / 1024,
      fcpMs: median(app.map((x) => x.fcp)),
      interactiveMs: median(app.map((x) => x.ready)),
      baselineFcpMs: median(tiny.map((x) => x.fcp)),
      baselineInteractiveMs: median(tiny.map((x) => x.ready)),
    };
    const notListed = [...fetched.keys()].filter((p) => !loginAssets.includes(p));
    const chart = await writeChart(
      'console',
      barChart(`agent console cold load, headless Chromium on loopback (median of ${loads})`, '', 'ms', [
        { label: 'tiny page FCP', value: Math.round(r.baselineFcpMs), color: '#9ca3af' },
        { label: 'tiny page form ready', value: Math.round(r.baselineInteractiveMs), color: '#9ca3af' },
        { label: 'console FCP', value: Math.round(r.fcpMs) },
        { label: 'console login form ready', value: Math.round(r.interactiveMs) },
      ]),
    );
    console.log(`console: built agent console served by a Ringside server (PGlite, PBX_MODE=none) in its own process; Chromium ${browser.version()} headless (${load})`);
    console.log(`  sign-in page loads ${loginAssets.length} JS/CSS files (${loginAssets.join(', ')}): ${r.loginGzipKb.toFixed(1)} KB gzipped (target < 500 KB)`);
    console.log(`  all ${allFiles.length} JS/CSS chunks: ${r.allGzipKb.toFixed(1)} KB gzipped, ${(allRaw / 1024).toFixed(0)} KB raw (source maps not counted)`);
    if (notListed.length > 0) console.log(`  also fetched by the page at run time: ${notListed.join(', ')}`);
    console.log(`  cold loads x${loads}: console FCP ${app.map((x) => x.fcp.toFixed(0)).join(' / ')} ms, median ${r.fcpMs.toFixed(0)} ms; login form ready ${app.map((x) => x.ready.toFixed(0)).join(' / ')} ms, median ${r.interactiveMs.toFixed(0)} ms (target < 1000)`);
    console.log(`  baseline tiny page from the same server: FCP median ${r.baselineFcpMs.toFixed(0)} ms, form ready median ${r.baselineInteractiveMs.toFixed(0)} ms`);
    console.log(`  chart: ${chart}`);
    return r;
  } finally {
    await browser.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

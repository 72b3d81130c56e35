// Test harness for the browser tests: builds a temporary index from the corpus, starts
// `lupe-search serve` on a free loopback port, waits for /api/health, launches Debian's
// Chromium through playwright-core, and tears everything down again.
//
// Environment:
//   LUPE_SEARCH_BIN  path to lupe-search  (default: first of build/ci, build-web, build)
//   LUPE_INDEX_BIN   path to lupe-index   (same default)
//   LUPE_CORPUS      folder of articles   (default: <repo>/corpus)
//   LUPE_BASE_URL    use an already running server instead (no index is built, nothing started)
//   CHROMIUM_BIN     browser executable   (default: /usr/bin/chromium)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo_root = path.resolve(here, '../..');
export const screenshot_dir = path.join(here, 'screenshots');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function find_binary(env_name, relative) {
  if (process.env[env_name]) return path.resolve(process.env[env_name]);
  for (const build of ['build/ci', 'build-web', 'build']) {
    const candidate = path.join(repo_root, build, relative);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${env_name} is not set and no ${relative} was found under build/ci, build-web or build`);
}

function free_port() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A running lupe-search serve (or an external server from LUPE_BASE_URL). */
export class LupeServer {
  static async start() {
    const server = new LupeServer();
    if (process.env.LUPE_BASE_URL) {
      server.base_url = process.env.LUPE_BASE_URL.replace(/\/$/, '');
      await server.wait_healthy(10_000);
      return server;
    }
    const search_bin = find_binary('LUPE_SEARCH_BIN', 'searcher/lupe-search');
    const index_bin = find_binary('LUPE_INDEX_BIN', 'indexer/lupe-index');
    const corpus = path.resolve(process.env.LUPE_CORPUS || path.join(repo_root, 'corpus'));
    server.tmp = mkdtempSync(path.join(tmpdir(), 'lupe-e2e-'));
    const index = path.join(server.tmp, 'index');

    const built = spawnSync(index_bin, ['add', '--index', index, corpus], { encoding: 'utf8' });
    if (built.status !== 0) {
      server.cleanup();
      throw new Error(`lupe-index add failed (exit ${built.status}):\n${built.stderr}${built.stdout}`);
    }

    const port = await free_port();
    server.base_url = `http://127.0.0.1:${port}`;
    server.log = '';
    server.proc = spawn(search_bin, ['serve', '--index', index, '--host', '127.0.0.1', '--port', String(port)],
                        { stdio: ['ignore', 'pipe', 'pipe'] });
    server.proc.stdout.on('data', (d) => { server.log += d; });
    server.proc.stderr.on('data', (d) => { server.log += d; });
    server.exited = new Promise((resolve) => server.proc.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await server.wait_healthy(20_000);
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  async wait_healthy(timeout_ms) {
    const deadline = Date.now() + timeout_ms;
    let last_error = null;
    while (Date.now() < deadline) {
      if (this.proc && this.proc.exitCode !== null) {
        throw new Error(`lupe-search serve exited with ${this.proc.exitCode} before it was healthy:\n${this.log}`);
      }
      try {
        const res = await fetch(`${this.base_url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          const body = await res.json();
          if (body.status === 'ok') {
            this.health = body;
            return;
          }
        }
        last_error = new Error(`health answered HTTP ${res.status}`);
      } catch (err) {
        last_error = err;
      }
      await sleep(100);
    }
    throw new Error(`server at ${this.base_url} not healthy within ${timeout_ms} ms: ${last_error}\n${this.log ?? ''}`);
  }

  /** GET a JSON API path ("/api/search?q=..."); returns {status, body}. */
  async api(pathname) {
    const res = await fetch(`${this.base_url}${pathname}`);
    const text = await res.text();
    let body = null;
    try { body = JSON.parse(text); } catch { body = text; }
    return { status: res.status, body };
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGTERM');
      const done = await Promise.race([this.exited, sleep(5000).then(() => null)]);
      if (!done) {
        this.proc.kill('SIGKILL');
        await this.exited;
      }
    }
    this.cleanup();
  }

  cleanup() {
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
    this.tmp = null;
  }
}

export async function launch_browser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Saves tests/e2e/screenshots/NN-step.png (the full page, or only the viewport). */
export async function screenshot(page, name, { full = true } = {}) {
  mkdirSync(screenshot_dir, { recursive: true });
  const file = path.join(screenshot_dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: full });
  return file;
}

/** Waits until the page has rendered the state of its current URL (see app.js). */
export async function wait_rendered(page, { status = 'ready', timeout = 10_000 } = {}) {
  await page.waitForFunction(
    (want) => document.body.dataset.renderedFor === location.search &&
              (want === 'any' ? ['ready', 'error'].includes(document.body.dataset.status)
                              : document.body.dataset.status === want),
    status, { timeout });
}

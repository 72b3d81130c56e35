// Development stand-in for `lupe-search serve`, for working on searcher/web/ without the real
// HTTP service. NOT used by the tests (they start the real server). It serves searcher/web/ and
// answers the API by running the `lupe-search` command line (query/get/related --json) on an
// index; /api/suggest completes the last word from the corpus' words.
//
//   node tests/e2e/mock-server.mjs --index DIR [--port 8099] [--search-bin PATH] [--corpus DIR]
//   LUPE_BASE_URL=http://127.0.0.1:8099 node --test tests/e2e/    (tests against it)

import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values: opts } = parseArgs({
  options: {
    index: { type: 'string' },
    port: { type: 'string', default: '8099' },
    'search-bin': { type: 'string', default: path.join(root, 'build/searcher/lupe-search') },
    corpus: { type: 'string', default: path.join(root, 'corpus') },
  },
});
if (!opts.index) {
  console.error('usage: mock-server.mjs --index DIR [--port N] [--search-bin PATH] [--corpus DIR]');
  process.exit(2);
}

const web_dir = path.join(root, 'searcher/web');
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
                '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

// Vocabulary for /api/suggest: lower-case words of the corpus with their frequency.
const vocabulary = new Map();
function add_words(text) {
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []) {
    vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
  }
}
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (/\.(txt|jsonl)$/.test(name)) add_words(readFileSync(file, 'utf8'));
  }
}
walk(opts.corpus);

async function cli(args) {
  const { stdout } = await run(opts['search-bin'], args, { maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

function send(res, status, body, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

function error(res, status, code, message) {
  send(res, status, { error: { code, message } });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const p = url.pathname;
  if (req.method !== 'GET') return error(res, 405, 'method_not_allowed', 'Only GET is supported');
  if (p === '/api/health') return send(res, 200, { status: 'ok', documents: 78, revision: 1 });
  if (p === '/api/search') {
    const q = url.searchParams;
    const args = ['query', '--index', opts.index, '--json'];
    for (const s of q.getAll('source')) args.push('--source', s);
    for (const t of q.getAll('topic')) args.push('--topic', t);
    for (const k of ['from', 'to', 'sort', 'facets', 'limit', 'offset', 'recency']) {
      if (q.get(k)) args.push(`--${k === 'limit' ? 'limit' : k}`, q.get(k));
    }
    if (q.get('collapse') === '1' || q.get('collapse') === 'true') args.push('--collapse');
    if ((q.get('q') ?? '').trim()) args.push('--', q.get('q'));
    if (q.get('q') === 'fehler500') return error(res, 400, 'bad_query', 'Simulierter Fehler');
    try {
      return send(res, 200, await cli(args));
    } catch (err) {
      return error(res, 400, 'bad_request', String(err.stderr || err.message).trim());
    }
  }
  if (p === '/api/suggest') {
    const q = url.searchParams.get('q') ?? '';
    const last = (/(\S*)$/.exec(q)[1] ?? '').toLowerCase();
    const words = last.length < 2 ? [] : [...vocabulary]
      .filter(([w]) => w.startsWith(last) && w !== last)
      .sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w]) => w);
    return send(res, 200, { query: q, suggestions: words });
  }
  const m = /^\/api\/articles\/([^/]+)(\/related|\/similar)?$/.exec(p);
  if (m) {
    const id = decodeURIComponent(m[1]);
    try {
      return send(res, 200, await cli([m[2] ? m[2].slice(1) : 'get', '--index', opts.index, '--json', id]));
    } catch (err) {
      return error(res, 404, 'not_found', `No article with id ${id}`);
    }
  }
  if (p.startsWith('/api/')) return error(res, 404, 'not_found', `No such endpoint: ${p}`);
  const name = p === '/' ? 'index.html' : p.slice(1);
  if (name.includes('/') || name.startsWith('.')) return error(res, 404, 'not_found', 'Not found');
  try {
    const body = readFileSync(path.join(web_dir, name));
    return send(res, 200, body, types[path.extname(name)] ?? 'application/octet-stream');
  } catch {
    return error(res, 404, 'not_found', 'Not found');
  }
}

createServer((req, res) => {
  handle(req, res).catch((err) => error(res, 500, 'internal', String(err)));
}).listen(Number(opts.port), '127.0.0.1', () => {
  console.log(`mock lupe-search on http://127.0.0.1:${opts.port}/ (index ${opts.index})`);
});

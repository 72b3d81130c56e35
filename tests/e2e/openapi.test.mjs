// The HTTP API against its OpenAPI description (searcher/web/api/openapi.json): the document
// is valid OpenAPI 3.1 (swagger-parser), the server serves exactly that file at
// /api/openapi.json, and real answers of a real `lupe-search serve` on the corpus — every
// endpoint, successes and errors — conform to the schema the document gives for their path,
// method and status (ajv, JSON Schema 2020-12; schemas allow no extra properties).
//
//   node --test tests/e2e/openapi.test.mjs      (see harness.mjs for the environment variables)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { LupeServer, repo_root } from './harness.mjs';

const DOCUMENT = path.join(repo_root, 'searcher/web/api/openapi.json');

let server;
let api;  // the document, $refs resolved
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = new Map();
const checked = new Set();  // "GET /api/search 200": what the answers covered

/** The schema the document gives for an answer; throws when it gives none. */
function response_schema(template, method, status) {
  const operation = api.paths[template]?.[method.toLowerCase()];
  assert.ok(operation, `the document has no ${method} ${template}`);
  const response = operation.responses[String(status)];
  assert.ok(response, `the document gives no ${status} answer for ${method} ${template}`);
  const schema = response.content?.['application/json']?.schema;
  assert.ok(schema, `no application/json schema for ${method} ${template} ${status}`);
  return schema;
}

function validator(template, method, status) {
  const key = `${method} ${template} ${status}`;
  if (!validators.has(key)) validators.set(key, ajv.compile(response_schema(template, method, status)));
  return validators.get(key);
}

/** Fetches `target` and asserts its status and that the body conforms to the document. */
async function conforms(template, target, status, { method = 'GET' } = {}) {
  const res = await fetch(`${server.base_url}${target}`, { method });
  const text = await res.text();
  assert.equal(res.status, status, `${method} ${target} answered ${res.status}: ${text.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${method} ${target}: content type`);
  const body = JSON.parse(text);
  const validate = validator(template, method, status);
  assert.ok(validate(body), `${method} ${target} ${status} does not conform to the document:\n` +
            `${ajv.errorsText(validate.errors, { separator: '\n' })}\n${text.slice(0, 500)}`);
  checked.add(`${method} ${template} ${status}`);
  return body;
}

before(async () => {
  api = await SwaggerParser.dereference(JSON.parse(readFileSync(DOCUMENT, 'utf8')));
  server = await LupeServer.start();
});

after(async () => {
  if (server) await server.stop();
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const document = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    const validated = await SwaggerParser.validate(document);
    assert.equal(validated.openapi, '3.1.0');
  });

  it('is rejected by the validator when broken (the check can fail)', async () => {
    const broken = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    delete broken.paths['/api/health'].get.responses['200'].description;
    await assert.rejects(SwaggerParser.validate(broken));
    const dangling = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    dangling.components.schemas.Hit.properties.date = { $ref: '#/components/schemas/Nowhere' };
    await assert.rejects(SwaggerParser.validate(dangling));
  });

  it('is served at /api/openapi.json, byte for byte the file in the source tree', async () => {
    const res = await fetch(`${server.base_url}/api/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.equal(await res.text(), readFileSync(DOCUMENT, 'utf8'));
    await conforms('/api/openapi.json', '/api/openapi.json', 200);
  });

  it('describes every API path the server answers', () => {
    const documented = Object.keys(api.paths).sort();
    assert.deepEqual(documented, ['/api/articles/{id}', '/api/articles/{id}/related', '/api/articles/{id}/similar',
      '/api/health', '/api/openapi.json', '/api/search', '/api/suggest']);
  });
});

describe('real answers conform to the document', () => {
  let first;  // a hit of the corpus

  it('GET /api/health', async () => {
    const health = await conforms('/api/health', '/api/health', 200);
    assert.ok(health.documents > 0, 'the corpus index is empty');
  });

  it('GET /api/search with every facet, filters, paging and both sorts', async () => {
    const all = await conforms('/api/search', '/api/search?sort=date&limit=3&facets=source,topic,month,year', 200);
    assert.ok(all.hits.length > 0, 'no hits without a query');
    for (const facet of ['source', 'topic', 'month', 'year']) assert.ok(all.facets[facet].length > 0, facet);
    first = all.hits[0];
    const word = first.title.split(/[^\p{L}]+/u).find((w) => w.length >= 4) ?? 'Jahr';
    const found = await conforms('/api/search',
      `/api/search?q=${encodeURIComponent(word)}&facets=source,month&limit=5&offset=0`, 200);
    assert.ok(found.total > 0, `no hits for '${word}'`);
    const source = all.facets.source[0].value;
    await conforms('/api/search', `/api/search?q=${encodeURIComponent(word)}&source=${encodeURIComponent(source)}` +
                   '&from=2000&to=2100-12-31&sort=relevance&recency=30&total=exact', 200);
    await conforms('/api/search', '/api/search?q=zzqxyvvbrk', 200);  // no hits
  });

  it('GET /api/search with collapse (articles and similar counts)', async () => {
    const collapsed = await conforms('/api/search', '/api/search?collapse=1&limit=20&facets=source', 200);
    assert.equal(typeof collapsed.articles, 'number');
    assert.ok(collapsed.hits.every((h) => typeof h.similar === 'number'));
  });

  it('GET /api/search with a misspelt word ("did you mean")', async () => {
    const word = first.title.split(/[^\p{L}]+/u).find((w) => w.length >= 6);
    if (!word) return;
    const misspelt = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
    const result = await conforms('/api/search', `/api/search?q=${encodeURIComponent(misspelt)}`, 200);
    assert.ok(result.suggestion === null || typeof result.suggestion === 'string');
  });

  it('GET /api/search errors: 400 invalid_parameter, 400 invalid_query, 413', async () => {
    const bad_limit = await conforms('/api/search', '/api/search?q=a&limit=-1', 400);
    assert.equal(bad_limit.error.code, 'invalid_parameter');
    const bad_query = await conforms('/api/search', `/api/search?q=${encodeURIComponent('date:2024-13-01..x')}`, 400);
    assert.equal(bad_query.error.code, 'invalid_query');
    const long = await conforms('/api/search', `/api/search?q=${'a'.repeat(5000)}`, 413);
    assert.equal(long.error.code, 'request_too_large');
  });

  it('GET /api/suggest', async () => {
    const prefix = first.title.split(/[^\p{L}]+/u).find((w) => w.length >= 4).slice(0, 3);
    const answer = await conforms('/api/suggest', `/api/suggest?q=${encodeURIComponent(prefix)}`, 200);
    assert.ok(answer.suggestions.length > 0, `no completions of '${prefix}'`);
    await conforms('/api/suggest', '/api/suggest', 200);
    const twice = await conforms('/api/suggest', '/api/suggest?q=ab&q=cd', 400);
    assert.equal(twice.error.code, 'invalid_parameter');
  });

  it('GET /api/articles/{id}, /related and /similar, found and not found', async () => {
    const id = encodeURIComponent(first.id);
    const article = await conforms('/api/articles/{id}', `/api/articles/${id}`, 200);
    assert.equal(article.id, first.id);
    await conforms('/api/articles/{id}/related', `/api/articles/${id}/related?limit=5`, 200);
    await conforms('/api/articles/{id}/similar', `/api/articles/${id}/similar`, 200);
    for (const suffix of ['', '/related', '/similar']) {
      const missing = await conforms(`/api/articles/{id}${suffix}`, `/api/articles/gibt-es-nicht${suffix}`, 404);
      assert.equal(missing.error.code, 'not_found');
    }
    await conforms('/api/articles/{id}', '/api/articles/%ZZ', 400);
    await conforms('/api/articles/{id}/related', `/api/articles/${id}/related?limit=x`, 400);
    await conforms('/api/articles/{id}/similar', `/api/articles/${id}/similar?limit=-3`, 400);
  });

  it('answers outside the documented paths still have the Error shape (404, 405)', async () => {
    const check = ajv.compile(api.components.schemas.Error);
    for (const [target, method, status] of [['/api/nope', 'GET', 404], ['/api/search', 'POST', 405],
                                            ['/api/health', 'DELETE', 405]]) {
      const res = await fetch(`${server.base_url}${target}`, { method });
      assert.equal(res.status, status, `${method} ${target}`);
      const body = await res.json();
      assert.ok(check(body), `${method} ${target}: ${ajv.errorsText(check.errors)}`);
    }
  });

  it('the schemas reject an answer that differs from the document (the check can fail)', async () => {
    const answer = await (await fetch(`${server.base_url}/api/search?limit=1`)).json();
    const validate = validator('/api/search', 'GET', 200);
    assert.ok(validate(answer));
    assert.ok(!validate({ ...answer, unexpected: 1 }), 'an extra field passed');
    const { took_ms: _, ...without } = answer;
    assert.ok(!validate(without), 'a missing field passed');
    assert.ok(!validate({ ...answer, hits: [{ ...answer.hits[0], date: '8.10.2024' }] }), 'a bad date passed');
  });

  it('covered every documented answer but the 503 and the 413 of paths other than search', () => {
    const expected = [];
    for (const [template, item] of Object.entries(api.paths)) {
      for (const status of Object.keys(item.get.responses)) {
        if (status === '503' || (status === '413' && template !== '/api/search')) continue;
        expected.push(`GET ${template} ${status}`);
      }
    }
    const missing = expected.filter((key) => !checked.has(key));
    assert.deepEqual(missing, [], 'documented answers no request checked');
  });
});

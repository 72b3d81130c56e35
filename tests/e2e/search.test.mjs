// Browser tests of the search page (searcher/web/) against a real `lupe-search serve`.
// One browser walks through the page step by step, as a person would, and after each step
// compares what the page shows with what the JSON API answers for the same request.
// A screenshot of every step goes to tests/e2e/screenshots/NN-step.png.
//
//   node --test tests/e2e/        (see harness.mjs for the environment variables)

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LupeServer, launch_browser, screenshot, wait_rendered } from './harness.mjs';

const PAGE_SIZE = 10;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

let server;
let browser;
let context;
let page;
const page_errors = [];

// ------------------------------------------------------------------ helpers

/** The /api/search query string the page sends for a state (same order as state.js). */
function search_query({ q = '', sources = [], topics = [], from = '', to = '', sort = 'relevance', page: p = 1,
                        collapse = true }) {
  const params = new URLSearchParams();
  params.set('q', q);
  for (const s of sources) params.append('source', s);
  for (const t of topics) params.append('topic', t);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  params.set('sort', sort);
  params.set('facets', 'source,topic,month');
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((p - 1) * PAGE_SIZE));
  params.set('collapse', collapse ? '1' : '0');
  return params.toString();
}

async function api_search(state) {
  const { status, body } = await server.api(`/api/search?${search_query(state)}`);
  assert.equal(status, 200, `/api/search answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** The page's state from its URL, in the shape search_query() takes. */
function url_state() {
  const params = new URL(page.url()).searchParams;
  return {
    q: params.get('q') ?? '',
    sources: params.getAll('source'),
    topics: params.getAll('topic'),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    page: Number(params.get('page') ?? '1'),
    article: params.get('article'),
    collapse: params.get('collapse') !== '0',
  };
}

/** What the page shows: total, hits, facet counts, histogram. */
async function shown() {
  return page.evaluate(() => {
    const facet = (field) => Object.fromEntries(
      [...document.querySelectorAll(`[data-facet="${field}"] .facet-option`)]
        .map((row) => [row.querySelector('input').value, Number(row.querySelector('.count').dataset.count)])
        .filter(([, count]) => count > 0));
    const total_node = document.querySelector('#total');
    return {
      total_text: total_node ? total_node.textContent : null,
      ids: [...document.querySelectorAll('#results .hit')].map((n) => n.dataset.id),
      titles: [...document.querySelectorAll('#results .hit .hit-title')].map((n) => n.textContent),
      marks: [...document.querySelectorAll('#results .hit')].map((n) => n.querySelectorAll('.snippet mark').length),
      source: facet('source'),
      topic: facet('topic'),
      months: Object.fromEntries([...document.querySelectorAll('#histogram .bar')]
        .map((b) => [b.dataset.month, Number(b.dataset.count)])),
      month_order: [...document.querySelectorAll('#histogram .bar')].map((b) => b.dataset.month),
      checked: [...document.querySelectorAll('#facets input[type=checkbox]:checked')].map((n) => n.value),
      pager_current: document.querySelector('#pager .current')?.textContent ?? null,
    };
  });
}

const facet_map = (list) => Object.fromEntries((list ?? []).filter((f) => f.count > 0).map((f) => [f.value, f.count]));

/** Asserts that the page shows exactly what the API answers for the page's URL state. */
async function assert_page_matches_api(label) {
  const state = url_state();
  const expected = await api_search(state);
  const got = await shown();
  assert.equal(Number(got.total_text.replace(/\D/g, '')), expected.total, `${label}: visible total`);
  assert.deepEqual(got.ids, expected.hits.map((h) => h.id), `${label}: hit ids in order`);
  assert.deepEqual(got.titles, expected.hits.map((h) => h.title), `${label}: hit titles`);
  assert.deepEqual(got.marks, expected.hits.map((h) => (h.snippet.match(/<mark>/g) ?? []).length),
                   `${label}: highlighted words per snippet`);
  assert.deepEqual(got.source, facet_map(expected.facets.source), `${label}: source facet counts`);
  assert.deepEqual(got.topic, facet_map(expected.facets.topic), `${label}: topic facet counts`);
  assert.deepEqual(got.months, facet_map(expected.facets.month), `${label}: month histogram`);
  assert.deepEqual(got.month_order, [...got.month_order].sort(), `${label}: months in calendar order`);
  assert.deepEqual(got.checked.sort(), [...state.sources, ...state.topics].sort(), `${label}: ticked boxes`);
  return { expected, got };
}

async function submit_query(text) {
  await page.locator('#q').fill(text);
  await page.locator('#q').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === text.trim());
  await wait_rendered(page, { status: 'any' });
}

async function click_and_render(locator) {
  const before_url = page.url();
  await locator.click();
  await page.waitForURL((url) => url.href !== before_url);
  await wait_rendered(page);
}

const css_string = (s) => JSON.stringify(s);

/** A query with more than one page of hits and several sources (LUPE_E2E_QUERY overrides). */
async function pick_query() {
  const candidates = process.env.LUPE_E2E_QUERY
    ? [process.env.LUPE_E2E_QUERY]
    : ['Jahr', 'neue', 'sagt', 'Menschen', 'Prozent', 'Stadt', 'Unternehmen'];
  let fallback = null;
  for (const q of candidates) {
    const r = await api_search({ q });
    const sources = r.facets.source ?? [];
    if (r.total > PAGE_SIZE && sources.length >= 2) {
      if (sources[0].count + sources[1].count > PAGE_SIZE) return q;
      fallback ??= q;
    }
  }
  assert.ok(fallback, `no query among ${candidates.join(', ')} has more than ${PAGE_SIZE} hits in the corpus`);
  return fallback;
}

// ------------------------------------------------------------------ the walk-through

describe('search page', () => {
  let query;
  let first_results;      // API answer of the plain query
  let list_url;           // a result list we leave for an article
  let list_ids;

  before(async () => {
    server = await LupeServer.start();
    browser = await launch_browser();
    context = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE' });
    page = await context.newPage();
    page.on('pageerror', (err) => page_errors.push(String(err)));
    page.on('dialog', (dialog) => { page_errors.push(`unexpected dialog: ${dialog.message()}`); dialog.dismiss(); });
    query = await pick_query();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('start page loads with the search box', async () => {
    await page.goto(`${server.base_url}/`);
    await wait_rendered(page);
    assert.ok(await page.locator('#q').isVisible());
    assert.ok(await page.locator('#welcome').isVisible());
    assert.equal(await page.locator('#search-button').textContent(), 'Suchen');
    // topics and sources to browse, as the API counts them over all articles
    const { body } = await server.api('/api/search?q=&facets=topic,source&limit=0');
    const chips = await page.locator('#browse a').evaluateAll((n) => n.map((a) => a.href));
    assert.equal(chips.length, body.facets.topic.length + body.facets.source.length);
    await screenshot(page, '01-start');
  });

  it('suggestions complete the last word while typing (arrows + Enter)', async () => {
    const prefix = query.slice(0, 3);
    const { body } = await server.api(`/api/suggest?${new URLSearchParams({ q: prefix })}`);
    assert.ok(Array.isArray(body.suggestions), '/api/suggest answers {suggestions: [...]}');
    await page.locator('#q').click();
    await page.locator('#q').pressSequentially(prefix, { delay: 40 });
    if (body.suggestions.length === 0) {
      await page.waitForTimeout(500);
      assert.ok(await page.locator('#suggestions').isHidden(), 'no list without suggestions');
      return;
    }
    await page.locator('#suggestions [role=option]').first().waitFor();
    const options = await page.locator('#suggestions [role=option]').evaluateAll((n) => n.map((o) => o.dataset.value));
    assert.deepEqual(options, body.suggestions);
    assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
    await page.locator('#q').press('ArrowDown');
    assert.equal(await page.locator('#suggestion-0').getAttribute('aria-selected'), 'true');
    await screenshot(page, '02-suggestions');
    const word = body.suggestions[0];
    const expected = prefix[0] === prefix[0].toUpperCase() ? word[0].toUpperCase() + word.slice(1) : word;
    await page.locator('#q').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === expected);
    await wait_rendered(page);
    assert.equal(await page.locator('#q').inputValue(), expected);
    assert.ok(await page.locator('#suggestions').isHidden());
  });

  it('a query shows results, total and facet counts as the API answers them', async () => {
    await submit_query(query);
    assert.equal(await page.locator('body').getAttribute('data-status'), 'ready');
    const { expected } = await assert_page_matches_api('plain query');
    first_results = expected;
    assert.ok(expected.total > PAGE_SIZE);
    assert.equal(await page.locator('#results .hit').count(), PAGE_SIZE);
    assert.match(await page.locator('#summary').textContent(), /Treffer/);
    assert.match(await page.locator('#took').textContent(), /ms/);
    assert.ok(await page.locator('#pager').isVisible());
    await screenshot(page, '03-results');
  });

  it('ticking a source narrows the results (source= in the URL)', async () => {
    const [a] = first_results.facets.source;
    await click_and_render(page.locator(`[data-facet="source"] input[value=${css_string(a.value)}]`));
    assert.deepEqual(url_state().sources, [a.value]);
    const { expected } = await assert_page_matches_api('one source');
    // Facets count articles; with near-duplicates collapsed, `articles` is that number.
    assert.equal(expected.articles ?? expected.total, a.count, 'facet count = articles after choosing it');
    assert.ok(expected.total < first_results.total);
    for (const hit of expected.hits) assert.equal(hit.source, a.value);
    await screenshot(page, '04-source-facet');
  });

  it('ticking a second source widens the choice (values OR-ed)', async () => {
    const [a, b] = first_results.facets.source;
    await click_and_render(page.locator(`[data-facet="source"] input[value=${css_string(b.value)}]`));
    assert.deepEqual(url_state().sources, [a.value, b.value]);
    const { expected } = await assert_page_matches_api('two sources');
    assert.equal(expected.articles ?? expected.total, a.count + b.count);
    await screenshot(page, '05-two-sources');
  });

  it('page 2 shows the next ten hits', async () => {
    if ((await api_search(url_state())).total <= PAGE_SIZE) {
      await click_and_render(page.locator('#clear-filters')); // not enough for two pages: unfilter
    }
    await click_and_render(page.locator('#pager a.page-number[data-page="2"]'));
    assert.equal(url_state().page, 2);
    const { got } = await assert_page_matches_api('page 2');
    assert.equal(got.pager_current, '2');
    list_url = page.url();
    list_ids = got.ids;
    await screenshot(page, '06-page-2');
  });

  it('a result opens the article view with related articles', async () => {
    const id = list_ids[0];
    await click_and_render(page.locator('#results .hit .hit-title a').first());
    assert.equal(url_state().article, id);
    const { status, body: article } = await server.api(`/api/articles/${encodeURIComponent(id)}`);
    assert.equal(status, 200);
    assert.ok(await page.locator('#article').isVisible());
    assert.ok(await page.locator('#results').isHidden());
    assert.equal(await page.locator('#article h1').textContent(), article.title);
    if (article.lead) assert.equal(await page.locator('#article .lead').textContent(), article.lead);
    const paragraphs = article.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    assert.equal(await page.locator('#article .body > *').count(), paragraphs.length);
    if (article.url) {
      assert.equal(await page.locator('#original-link').getAttribute('href'), article.url);
    }
    const related = await server.api(`/api/articles/${encodeURIComponent(id)}/related`);
    assert.equal(related.status, 200);
    assert.equal(await page.locator('#related h2').textContent(), 'Ähnliche Artikel');
    const related_ids = await page.locator('#related .hit').evaluateAll((n) => n.map((h) => h.dataset.id));
    assert.deepEqual(related_ids, related.body.hits.map((h) => h.id));
    assert.ok(!related_ids.includes(id), 'an article is not related to itself');
    await screenshot(page, '07-article');
  });

  it('the back button restores the result list (URL and results)', async () => {
    await page.goBack();
    await page.waitForURL(list_url);
    await wait_rendered(page);
    const { got } = await assert_page_matches_api('after back');
    assert.deepEqual(got.ids, list_ids);
    assert.ok(await page.locator('#article-view').isHidden());
    // forward again, then the page's own "Zurück" button
    await page.goForward();
    await wait_rendered(page);
    assert.ok(url_state().article);
    await page.locator('#back').click();
    await page.waitForURL(list_url);
    await wait_rendered(page);
    assert.deepEqual((await shown()).ids, list_ids);
    await screenshot(page, '08-back');
  });

  it('a shared URL renders its state when loaded directly', async () => {
    const other = await context.newPage();
    try {
      await other.goto(list_url);
      await wait_rendered(other);
      const ids = await other.locator('#results .hit').evaluateAll((n) => n.map((h) => h.dataset.id));
      assert.deepEqual(ids, list_ids);
      assert.equal(await other.locator('#q').inputValue(), query);
      const article_url = new URL(list_url);
      article_url.searchParams.set('article', list_ids[1]);
      await other.goto(article_url.href);
      await wait_rendered(other);
      assert.ok(await other.locator('#article h1').isVisible());
      await other.locator('#back').click(); // no history of ours: goes to the list by URL
      await other.waitForURL(list_url);
      await wait_rendered(other);
      assert.deepEqual(await other.locator('#results .hit').evaluateAll((n) => n.map((h) => h.dataset.id)), list_ids);
    } finally {
      await other.close();
    }
  });

  it('a month bar narrows the date range to that month (from/to in the URL)', async () => {
    const bars = await page.locator('#histogram .bar').evaluateAll(
      (n) => n.map((b) => ({ month: b.dataset.month, count: Number(b.dataset.count) })));
    assert.ok(bars.length > 0, 'histogram has bars');
    const target = bars.reduce((best, b) => (b.count > best.count ? b : best));
    await click_and_render(page.locator(`#histogram .bar[data-month="${target.month}"]`));
    const state = url_state();
    const [y, m] = target.month.split('-').map(Number);
    const last_day = new Date(Date.UTC(y, m, 0)).getUTCDate();
    assert.equal(state.from, `${target.month}-01`);
    assert.equal(state.to, `${target.month}-${String(last_day).padStart(2, '0')}`);
    assert.equal(state.page, 1, 'a new filter starts at page 1');
    const { expected } = await assert_page_matches_api('one month');
    assert.equal(expected.articles ?? expected.total, target.count, 'bar count = articles in that month');
    for (const hit of expected.hits) assert.ok(hit.date.startsWith(target.month), `${hit.date} in ${target.month}`);
    assert.equal(await page.locator(`#histogram .bar[data-month="${target.month}"]`).getAttribute('aria-pressed'), 'true');
    assert.ok(await page.locator('#clear-dates').isVisible());
    await screenshot(page, '10-month');
    await click_and_render(page.locator('#clear-dates'));
    assert.equal(url_state().from, '');
    assert.equal(url_state().to, '');
    await assert_page_matches_api('date filter cleared');
  });

  it('sorting by date orders the hits newest first', async () => {
    await page.locator('#sort').selectOption('date');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'date');
    await wait_rendered(page);
    const { expected } = await assert_page_matches_api('sorted by date');
    const dates = expected.hits.map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    await screenshot(page, '11-sort-date');
  });

  it('copies of one story are one hit with "n ähnliche Artikel", which lists them', async () => {
    // corpus/articles.jsonl holds one agency story in three sources (lupe-demo-0027..0029).
    await page.goto(`${server.base_url}/?q=${encodeURIComponent('Apfelernte Bodensee')}`);
    await wait_rendered(page);
    const { expected } = await assert_page_matches_api('collapsed');
    const folded = expected.hits.filter((h) => h.similar > 0);
    assert.equal(folded.length, 1, 'one hit stands for the copies');
    assert.equal(folded[0].similar, 2);
    assert.equal(expected.articles, expected.total + 2);
    const box = page.locator(`#results .hit[data-id=${css_string(folded[0].id)}] details.similar`);
    assert.equal((await box.locator('summary').textContent()).trim(), '2 ähnliche Artikel');
    assert.equal(await page.locator('#results details.similar').count(), 1);
    await box.locator('summary').click();
    await box.locator('.similar-list .hit').first().waitFor();
    const listed = await box.locator('.similar-list .hit').evaluateAll((n) => n.map((h) => h.dataset.id));
    const { body: similar } = await server.api(`/api/articles/${encodeURIComponent(folded[0].id)}/similar?limit=100`);
    assert.deepEqual(listed, similar.hits.map((h) => h.id));
    assert.equal(listed.length, 2);
    await screenshot(page, '12-similar');
    // Unticking "Ähnliche zusammenfassen" shows every copy (collapse=0 in the URL).
    await page.locator('#collapse').uncheck();
    await page.waitForURL((url) => url.searchParams.get('collapse') === '0');
    await wait_rendered(page);
    const { expected: all } = await assert_page_matches_api('not collapsed');
    assert.equal(all.total, expected.articles);
    assert.equal(await page.locator('#results details.similar').count(), 0);
    await page.locator('#collapse').check();
    await page.waitForURL((url) => !url.searchParams.has('collapse'));
    await wait_rendered(page);
  });

  it('phone width: stacked layout, filters collapsible, no horizontal scrolling', async () => {
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
    assert.ok(await page.locator('#filter-toggle').isVisible());
    assert.ok(await page.locator('#facets').isHidden(), 'filters start collapsed on a phone');
    await screenshot(page, '12-phone-results', { full: false });
    await page.locator('#filter-toggle').click();
    assert.ok(await page.locator('[data-facet="source"]').isVisible());
    assert.equal(await page.locator('#filter-toggle').getAttribute('aria-expanded'), 'true');
    await screenshot(page, '13-phone-filters', { full: false });
    await page.locator('#filter-toggle').click();
    await click_and_render(page.locator('#results .hit .hit-title a').first());
    const article_overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(article_overflow <= 0, `article view is ${article_overflow}px too wide`);
    await screenshot(page, '14-phone-article', { full: false });
    await page.goBack();
    await wait_rendered(page);
    await page.setViewportSize(DESKTOP);
  });

  it('a misspelt query offers "Meinten Sie …?" when the API has a suggestion', async (t) => {
    // misspellings: long words of the first results' titles with a letter dropped
    const words = [...new Set(first_results.hits.flatMap((h) => h.title.match(/\p{L}{8,}/gu) ?? []))];
    const misspell = (w) => w.slice(0, -2) + w.slice(-1);
    const candidates = [...words.slice(0, 16).map(misspell), 'Bürgermeistr', 'Enregie'];
    // from a clean start page, so the page asks exactly what is asked here (no filters)
    await page.goto(`${server.base_url}/`);
    await wait_rendered(page);
    let typo = null;
    let expected = null;
    for (const c of candidates) {
      const r = await api_search({ q: c });
      if (typeof r.suggestion === 'string' && r.suggestion) { typo = c; expected = r; break; }
    }

    await t.test('with the real answer', async (tt) => {
      if (!expected) {
        await submit_query(candidates[0]);
        assert.ok(await page.locator('#did-you-mean').isHidden(), 'no "Meinten Sie" without a suggestion');
        tt.skip(`the API returned no suggestion for ${candidates.length} misspelt queries`);
        return;
      }
      await submit_query(typo);
      assert.ok(await page.locator('#did-you-mean').isVisible());
      assert.match(await page.locator('#did-you-mean').textContent(), /^Meinten Sie .+\?$/);
      assert.equal(await page.locator('#suggestion-link').textContent(), expected.suggestion);
      await screenshot(page, '15-did-you-mean');
      await click_and_render(page.locator('#suggestion-link'));
      assert.equal(url_state().q, expected.suggestion);
      await assert_page_matches_api('suggested query');
    });

    await t.test('rendering of a suggestion (answer with a suggestion filled in)', async () => {
      // another misspelling than the ones above: the page caches answers it has seen
      const right = words[0] ?? 'Bürgermeister';
      const wrong = right[0] + right.slice(2);
      const pattern = (url) => url.pathname === '/api/search' && url.searchParams.get('q') === wrong;
      await page.route(pattern, async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        await route.fulfill({ response, json: { ...body, suggestion: right } });
      });
      try {
        await submit_query(wrong);
        assert.ok(await page.locator('#did-you-mean').isVisible());
        assert.equal(await page.locator('#did-you-mean').textContent(), `Meinten Sie ${right}?`);
        await screenshot(page, '15-did-you-mean-rendering');
        await click_and_render(page.locator('#suggestion-link'));
        assert.equal(url_state().q, right);
        assert.equal(await page.locator('#q').inputValue(), right);
      } finally {
        await page.unroute(pattern);
      }
    });
  });

  it('a query without hits says "Keine Treffer"', async () => {
    await submit_query('xqzvwyk');
    const expected = await api_search(url_state());
    assert.equal(expected.total, 0);
    assert.ok(await page.locator('#empty').isVisible());
    assert.match(await page.locator('#empty').textContent(), /Keine Treffer/);
    assert.equal(await page.locator('#results .hit').count(), 0);
    assert.ok(await page.locator('#pager').isHidden());
    await screenshot(page, '16-no-hits');
  });

  it('API errors are shown clearly', async () => {
    // an unknown article: the real server answers 404
    const missing = 'gibt-es-nicht-4711';
    const answer = await server.api(`/api/articles/${missing}`);
    assert.equal(answer.status, 404);
    assert.ok(answer.body.error?.message, '404 carries {"error":{"code","message"}}');
    await page.goto(`${server.base_url}/?article=${missing}`);
    await wait_rendered(page, { status: 'error' });
    assert.ok(await page.locator('#error').isVisible());
    assert.match(await page.locator('#error').textContent(), /Artikel nicht gefunden/);
    await screenshot(page, '17-error-article');
    // a failing search, as the API reports errors
    await page.route('**/api/search?*', (route) => route.fulfill({
      status: 400, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'bad_query', message: 'Die Anfrage ist ungültig.' } }),
    }));
    await page.goto(`${server.base_url}/?q=${encodeURIComponent(query)}`);
    await wait_rendered(page, { status: 'error' });
    assert.match(await page.locator('#error').textContent(), /Die Anfrage ist ungültig\./);
    assert.equal(await page.locator('#results .hit').count(), 0);
    await screenshot(page, '18-error-search');
    await page.unroute('**/api/search?*');
  });

  it('text from the user and the API is shown as text, never as markup', async () => {
    const nasty = '<img src=x onerror=alert(1)> "Test"';
    await page.goto(`${server.base_url}/?q=${encodeURIComponent(nasty)}`);
    await wait_rendered(page, { status: 'any' });
    assert.equal(await page.locator('#summary img, #empty img, #results img').count(), 0);
    assert.equal(await page.locator('#q').inputValue(), nasty);
    assert.deepEqual(page_errors, [], 'no script errors or dialogs during the walk-through');
  });
});

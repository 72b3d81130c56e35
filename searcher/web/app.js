// Lupe's search page: wires the controls, keeps every bit of state in the URL
// (history.pushState on user actions, popstate to restore) and renders API answers.
//
// After each render the body carries data-status="ready" (or "error") and
// data-rendered-for=<location.search>, which the browser tests wait for.

import * as api from './api.js';
import { el, format_month, format_number, format_range, replace_children } from './dom.js';
import { render_histogram } from './histogram.js';
import {
  render_article, render_did_you_mean, render_facet, render_pager, render_related,
  render_results, render_similar, render_summary,
} from './render.js';
import {
  empty_state, has_filters, has_search, month_range, parse_state, search_params, selected_month,
  state_to_url, with_changes,
} from './state.js';
import { attach_suggest } from './suggest.js';

const $ = (id) => document.getElementById(id);
const CACHE_SIZE = 30;

let current = parse_state(location.search);
let render_seq = 0;
let in_flight = null;
const cache = new Map(); // request key -> {value, at}

// ---------------------------------------------------------------- navigation

function navigate(state, { focus = null } = {}) {
  remember_scroll();
  const depth = (history.state?.depth ?? 0) + 1;
  history.pushState({ lupe: true, depth }, '', state_to_url(state));
  render(state, { scroll_y: 0, focus });
}

function remember_scroll() {
  history.replaceState({ ...(history.state ?? {}), lupe: true, scroll_y: window.scrollY }, '');
}

window.addEventListener('popstate', (event) => {
  render(parse_state(location.search), { scroll_y: event.state?.scroll_y ?? 0 });
});

// Internal links (data-nav) navigate in place unless the user wants a new tab or window.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.defaultPrevented || event.button !== 0 ||
      event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  const state = parse_state(url.search);
  navigate(state, { focus: state.article ? 'article' : 'results' });
});

// ---------------------------------------------------------------- rendering

async function render(state, { scroll_y = null, focus = null } = {}) {
  current = state;
  const seq = ++render_seq;
  if (in_flight) in_flight.abort();
  in_flight = new AbortController();
  const { signal } = in_flight;
  suggest.reset();
  sync_controls(state);
  hide_error();
  document.body.dataset.status = 'loading';
  $('page').setAttribute('aria-busy', 'true');

  const view = state.article ? 'article' : has_search(state) ? 'search' : 'welcome';
  $('page').dataset.view = view;
  $('welcome').hidden = view !== 'welcome';
  $('search-results').hidden = view !== 'search';
  $('article-view').hidden = view !== 'article';
  document.querySelector('.article-layout').hidden = false;
  $('toolbar').hidden = false;

  let ok = true;
  try {
    if (view === 'article') await show_article(state, signal, seq);
    else if (view === 'search') await show_search(state, signal, seq);
    else await show_welcome(signal, seq);
  } catch (err) {
    if (err.name === 'AbortError' || seq !== render_seq) return;
    ok = false;
    show_error(err, view);
  }
  if (seq !== render_seq) return;
  $('page').removeAttribute('aria-busy');
  document.title = page_title(state);
  if (scroll_y !== null) window.scrollTo(0, scroll_y);
  if (focus === 'article') $('article-title')?.focus({ preventScroll: true });
  else if (focus === 'results') $('main').focus({ preventScroll: true });
  document.body.dataset.renderedFor = location.search;
  document.body.dataset.status = ok ? 'ready' : 'error';
}

const CACHE_MS = 60_000;

/** Answers are kept for a minute, so back/forward and repeated views redraw at once. */
async function cached(key, loader) {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) {
    cache.delete(key); // refresh its place in the LRU order
    cache.set(key, hit);
    return hit.value;
  }
  const value = await loader();
  cache.set(key, { value, at: Date.now() });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  return value;
}

async function show_search(state, signal, seq) {
  const query = search_params(state);
  const result = await cached(`search?${query}`, () => api.search(query, signal));
  if (seq !== render_seq) return;
  const facets = result.facets ?? {};
  const refocus = focused_facet();
  render_summary(result, state);
  render_did_you_mean(result, state);
  render_results(result, state);
  render_pager(result.total ?? 0, state);
  render_facet('source', facets.source, state.sources);
  render_facet('topic', facets.topic, state.topics);
  render_histogram($('histogram'), facets.month, selected_month(state), choose_month);
  restore_facet_focus(refocus);
  // Nothing found and nothing to unfilter: no empty filter panel, no sort order to choose.
  const nothing = (result.total ?? 0) === 0;
  if (nothing && !has_filters(state)) $('page').dataset.view = 'empty';
  document.querySelector('#toolbar .sort').hidden = nothing;
}

async function show_article(state, signal, seq) {
  const id = state.article;
  replace_children($('article'), el('p', { class: 'placeholder', text: 'Artikel wird geladen …' }));
  replace_children(document.querySelector('#related .related-list'));
  const [article, related] = await Promise.all([
    cached(`article:${id}`, () => api.article(id, signal)),
    cached(`related:${id}`, () => api.related(id, signal)).catch((err) => {
      if (err.name === 'AbortError') throw err;
      return { hits: [], error: err };
    }),
  ]);
  if (seq !== render_seq) return;
  render_article(article);
  render_related(related, with_changes(state, { page: state.page }));
  $('back').textContent = has_search(state) ? '‹ Zurück zu den Treffern' : '‹ Zurück';
}

async function show_welcome(signal, seq) {
  replace_children($('results'));
  // The document count and the topics and sources to browse; the page works without them.
  const [health, overview] = await Promise.all([
    api.health(signal).catch(optional),
    cached('overview', () => api.search('q=&facets=topic,source&limit=0', signal)).catch(optional),
  ]);
  if (seq !== render_seq) return;
  if (typeof health?.documents === 'number') {
    $('welcome-count').textContent =
      `Lupe durchsucht ${format_number(health.documents)} deutsche Nachrichtenartikel.`;
  }
  const groups = [['topic', 'topics', 'Themen'], ['source', 'sources', 'Quellen']]
    .map(([field, key, heading]) => {
      const values = overview?.facets?.[field] ?? [];
      if (values.length === 0) return null;
      return el('div', { class: 'browse-group' },
        el('h2', { text: heading }),
        el('ul', { class: 'chips' }, values.map((v) => el('li', {},
          el('a', { href: state_to_url(with_changes(empty_state(), { [key]: [v.value] })), 'data-nav': true },
            v.value, el('span', { class: 'count', text: ` ${format_number(v.count)}` }))))));
    })
    .filter(Boolean);
  replace_children($('browse'), groups);
  $('browse').hidden = groups.length === 0;
}

function optional(err) {
  if (err.name === 'AbortError') throw err;
  return null;
}

function page_title(state) {
  if (state.article) {
    const title = $('article-title')?.textContent;
    return title ? `${title} – Lupe` : 'Artikel – Lupe';
  }
  if (state.q) return `${state.q} – Lupe Nachrichtensuche`;
  return 'Lupe – Nachrichtensuche';
}

// ---------------------------------------------------------------- errors

function show_error(err, view) {
  const box = $('error');
  const what = view === 'article'
    ? (err.status === 404 ? 'Artikel nicht gefunden.' : 'Der Artikel konnte nicht geladen werden.')
    : 'Die Suche ist fehlgeschlagen.';
  const detail = err.message || 'Unbekannter Fehler.';
  box.dataset.code = err.code ?? 'error';
  replace_children(box,
    el('strong', { text: what }), ' ',
    el('span', { class: 'error-message', text: detail }),
    err.code && err.code !== 'network' && err.code !== 'http'
      ? el('span', { class: 'error-code', text: ` (${err.code})` }) : null);
  box.hidden = false;
  if (view === 'search') {
    replace_children($('results'));
    replace_children($('summary'));
    $('pager').hidden = true;
    $('empty').hidden = true;
    $('did-you-mean').hidden = true;
    $('toolbar').hidden = true;
    // Filters stay visible only when some are set, so they can be removed.
    if (!has_filters(current)) $('page').dataset.view = 'error';
    render_facet('source', [], current.sources);
    render_facet('topic', [], current.topics);
    replace_children($('histogram'));
  } else if (view === 'article') {
    replace_children($('article'));
    document.querySelector('.article-layout').hidden = true;
  }
}

function hide_error() {
  const box = $('error');
  box.hidden = true;
  replace_children(box);
}

// ---------------------------------------------------------------- controls

function sync_controls(state) {
  const input = $('q');
  if (document.activeElement !== input || input.value.trim() !== state.q) input.value = state.q;
  $('sort').value = state.sort;
  $('collapse').checked = state.collapse;
  $('from').value = state.from.length === 10 ? state.from : '';
  $('to').value = state.to.length === 10 ? state.to : '';
  const has_dates = Boolean(state.from || state.to);
  $('clear-dates').hidden = !has_dates;
  const range = $('date-range');
  range.hidden = !has_dates;
  const month = selected_month(state);
  range.textContent = !has_dates ? ''
    : `Gewählt: ${month ? format_month(month) : format_range(state.from, state.to)}`;
  $('clear-filters').hidden = !has_filters(state);
  const n = state.sources.length + state.topics.length + (has_dates ? 1 : 0);
  const badge = $('filter-count');
  badge.hidden = n === 0;
  replace_children(badge, n ? [String(n), el('span', { class: 'visually-hidden', text: ' aktiv' })] : []);
}

function choose_month(month) {
  const range = month_range(month);
  const same = current.from === range.from && current.to === range.to;
  navigate(with_changes(current, same ? { from: '', to: '', page: 1 } : { ...range, page: 1 }));
}

function focused_facet() {
  const node = document.activeElement;
  if (!(node instanceof HTMLInputElement) || node.type !== 'checkbox') return null;
  return { field: node.name, value: node.value };
}

function restore_facet_focus(target) {
  if (!target) return;
  for (const input of document.querySelectorAll(`[data-facet="${target.field}"] input`)) {
    if (input.value === target.value) {
      input.focus({ preventScroll: true });
      return;
    }
  }
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = $('q').value.trim();
  if (!q && !has_filters(current)) {
    $('q').focus();
    return;
  }
  navigate(with_changes(current, { q, page: 1, article: null }));
});

$('facets').addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement)) return;
  if (input.type === 'checkbox') {
    const checked = [...document.querySelectorAll(`[data-facet="${input.name}"] input:checked`)]
      .map((node) => node.value);
    const key = input.name === 'source' ? 'sources' : 'topics';
    navigate(with_changes(current, { [key]: checked, page: 1 }));
  } else if (input.id === 'from' || input.id === 'to') {
    const from = $('from').value;
    const to = $('to').value;
    if ((from && !/^\d{4}-\d{2}-\d{2}$/.test(from)) || (to && !/^\d{4}-\d{2}-\d{2}$/.test(to))) return;
    navigate(with_changes(current, { from, to, page: 1 }));
  }
});

$('clear-dates').addEventListener('click', () => {
  navigate(with_changes(current, { from: '', to: '', page: 1 }));
});

$('clear-filters').addEventListener('click', () => {
  navigate(with_changes(current, { sources: [], topics: [], from: '', to: '', page: 1 }));
});

$('sort').addEventListener('change', (event) => {
  navigate(with_changes(current, { sort: event.target.value === 'date' ? 'date' : 'relevance', page: 1 }));
});

$('collapse').addEventListener('change', (event) => {
  navigate(with_changes(current, { collapse: event.target.checked, page: 1 }));
});

// "n ähnliche Artikel": the copies are fetched when the box is first opened ('toggle' does
// not bubble, hence the capture listener).
$('results').addEventListener('toggle', async (event) => {
  const box = event.target;
  if (!(box instanceof HTMLDetailsElement) || !box.open || box.dataset.loaded) return;
  box.dataset.loaded = 'true';
  const state = current;
  try {
    const id = box.dataset.similarOf;
    const result = await cached(`similar:${id}`, () => api.similar(id));
    render_similar(box, result, state);
  } catch (err) {
    delete box.dataset.loaded;
    replace_children(box.querySelector('.similar-list'),
      el('li', { class: 'similar-none', text: err.message || 'Fehler beim Laden.' }));
  }
}, true);

$('back').addEventListener('click', () => {
  // Go back in history when we came from a page of ours; a shared article link has none.
  if ((history.state?.depth ?? 0) > 0) history.back();
  else navigate(with_changes(current, { article: null }), { focus: 'results' });
});

$('filter-toggle').addEventListener('click', () => {
  const facets = $('facets');
  const collapsed = facets.dataset.collapsed !== 'false';
  facets.dataset.collapsed = collapsed ? 'false' : 'true';
  $('filter-toggle').setAttribute('aria-expanded', collapsed ? 'true' : 'false');
});

const suggest = attach_suggest($('q'), $('suggestions'), {
  fetch_suggestions: async (q, signal) => (await api.suggest(q, signal)).suggestions ?? [],
  on_choose: () => $('search-form').requestSubmit(),
});

// ---------------------------------------------------------------- start

history.scrollRestoration = 'manual';
history.replaceState({ ...(history.state ?? {}), lupe: true, depth: history.state?.depth ?? 0 }, '');
render(current, { scroll_y: history.state?.scroll_y ?? null });

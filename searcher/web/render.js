// Renders API answers into the page. Pure DOM building: no fetching, no history.
// Internal links carry a real href (shareable, open in a new tab) and data-nav, which app.js
// intercepts for history.pushState.

import { el, snippet_nodes, format_date, format_number, format_ms, replace_children } from './dom.js';
import { PAGE_SIZE, has_filters, state_to_url, with_changes } from './state.js';

const $ = (id) => document.getElementById(id);

/** One hit: title link, "source · date · topic", snippet; and "n ähnliche Artikel" when copies
 *  of it were collapsed into it (a <details> that app.js fills on opening). */
export function hit_item(hit, state, { snippet = true } = {}) {
  const meta = [];
  if (hit.source) meta.push(el('span', { class: 'source', text: hit.source }));
  if (hit.date) meta.push(el('time', { datetime: hit.date, text: format_date(hit.date) }));
  if (hit.topic) meta.push(el('span', { class: 'topic', text: hit.topic }));
  const meta_line = el('p', { class: 'meta' });
  meta.forEach((part, i) => {
    if (i > 0) meta_line.append(el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }));
    meta_line.append(part);
  });
  const href = state_to_url(with_changes(state, { article: hit.id }));
  return el('li', { class: 'hit', dataset: { id: hit.id, testid: 'hit' } },
    el('h3', { class: 'hit-title' },
      el('a', { href, 'data-nav': true, text: hit.title || '(ohne Titel)' })),
    meta_line,
    snippet && hit.snippet ? el('p', { class: 'snippet' }, snippet_nodes(hit.snippet)) : null,
    hit.similar > 0 ? similar_box(hit) : null);
}

function similar_box(hit) {
  const label = hit.similar === 1 ? '1 ähnlicher Artikel' : `${format_number(hit.similar)} ähnliche Artikel`;
  return el('details', { class: 'similar', dataset: { similarOf: hit.id, testid: 'similar' } },
    el('summary', { text: label }),
    el('ol', { class: 'similar-list' }));
}

/** The copies of a hit, listed inside its "ähnliche Artikel" box. */
export function render_similar(box, result, state) {
  const hits = result?.hits ?? [];
  replace_children(box.querySelector('.similar-list'),
    hits.length ? hits.map((hit) => hit_item(hit, state, { snippet: false }))
                : [el('li', { class: 'similar-none', text: 'Keine weiteren Artikel gefunden.' })]);
}

export function render_summary(result, state) {
  const summary = $('summary');
  const total = el('strong', { id: 'total', dataset: { testid: 'total', value: String(result.total) },
                               text: format_number(result.total) });
  const parts = [total, ' Treffer'];
  if (state.q) parts.push(' für „', el('span', { class: 'query', text: state.q }), '“');
  if (result.articles !== undefined && result.articles > result.total) {
    parts.push(el('span', { class: 'collapsed-note', dataset: { testid: 'collapsed-note' },
                            text: ` (${format_number(result.articles)} Artikel, ähnliche zusammengefasst)` }));
  }
  if (result.total > PAGE_SIZE) {
    const last = Math.ceil(result.total / PAGE_SIZE);
    parts.push(` · Seite ${format_number(state.page)} von ${format_number(last)}`);
  }
  parts.push(el('span', { id: 'took', class: 'took', dataset: { testid: 'took' },
                          text: ` (${format_ms(result.took_ms ?? 0)})` }));
  replace_children(summary, parts);
}

export function render_results(result, state) {
  replace_children($('results'), (result.hits ?? []).map((hit) => hit_item(hit, state)));
  const empty = $('empty');
  if ((result.hits ?? []).length === 0) {
    const text = result.total > 0
      ? ['Auf dieser Seite gibt es keine Treffer mehr. ',
         el('a', { href: state_to_url(with_changes(state, { page: 1 })), 'data-nav': true,
                   text: 'Zur ersten Seite' })]
      : [el('strong', { text: 'Keine Treffer' }),
         state.q ? el('span', {}, ' für „', el('span', { class: 'query', text: state.q }), '“.') : '.',
         el('br'),
         has_filters(state)
           ? ['Die gewählten Filter schränken die Suche ein. ',
              el('a', { href: state_to_url(with_changes(state, { sources: [], topics: [], from: '', to: '', page: 1 })),
                        'data-nav': true, text: 'Ohne Filter suchen' })]
           : 'Tipps: andere oder weniger Suchwörter verwenden oder die Schreibweise prüfen.'];
    replace_children(empty, text);
    empty.hidden = false;
  } else {
    empty.hidden = true;
    replace_children(empty);
  }
}

export function render_did_you_mean(result, state) {
  const box = $('did-you-mean');
  const suggestion = typeof result.suggestion === 'string' ? result.suggestion.trim() : '';
  if (!suggestion || suggestion === state.q) {
    box.hidden = true;
    replace_children(box);
    return;
  }
  const href = state_to_url(with_changes(state, { q: suggestion, page: 1, article: null }));
  replace_children(box, 'Meinten Sie ',
    el('a', { href, 'data-nav': true, id: 'suggestion-link', dataset: { testid: 'suggestion' },
              text: suggestion }), '?');
  box.hidden = false;
}

/**
 * Checkbox list of one facet ("source" or "topic"). Selected values that the answer does not
 * count stay listed (count 0), so they can always be unticked.
 */
export function render_facet(field, counts, selected) {
  const box = document.querySelector(`[data-facet="${field}"] .options`);
  const rows = (counts ?? []).map((c) => ({ value: c.value, count: c.count }));
  for (const value of selected) {
    if (!rows.some((r) => r.value === value)) rows.push({ value, count: 0 });
  }
  const items = rows.map((row, i) => {
    const id = `facet-${field}-${i}`;
    return el('li', { class: 'facet-option' },
      el('input', { type: 'checkbox', id, name: field, value: row.value,
                    checked: selected.includes(row.value) }),
      el('label', { for: id },
        el('span', { class: 'facet-value', text: row.value }),
        el('span', { class: 'count', dataset: { count: String(row.count) } },
          format_number(row.count), el('span', { class: 'visually-hidden', text: ' Treffer' }))));
  });
  if (items.length === 0) items.push(el('li', { class: 'facet-none', text: 'Keine Werte' }));
  replace_children(box, items);
}

/** Page links: « Vorherige · 1 … 4 5 [6] 7 8 … 20 · Nächste ». */
export function render_pager(total, state) {
  const pager = $('pager');
  const last = Math.ceil(total / PAGE_SIZE);
  if (last <= 1) {
    pager.hidden = true;
    replace_children(pager);
    return;
  }
  const link = (page, content, props = {}) => el('a', {
    href: state_to_url(with_changes(state, { page })), 'data-nav': true,
    dataset: { page: String(page) }, ...props }, content);
  const items = [];
  const current = state.page;
  if (current > 1) {
    items.push(link(current - 1, ['‹', el('span', { class: 'pager-label', text: ' Vorherige' })],
                    { class: 'prev', rel: 'prev', 'aria-label': 'Vorherige Seite' }));
  }
  const pages = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2]);
  let previous = 0;
  for (const page of [...pages].filter((p) => p >= 1 && p <= last).sort((a, b) => a - b)) {
    if (page - previous > 1) items.push(el('span', { class: 'gap', 'aria-hidden': 'true', text: '…' }));
    items.push(page === current
      ? el('span', { class: 'current', 'aria-current': 'page', dataset: { page: String(page) },
                     'aria-label': `Seite ${page}`, text: String(page) })
      : link(page, String(page), { class: 'page-number', 'aria-label': `Seite ${page}` }));
    previous = page;
  }
  if (current < last) {
    items.push(link(current + 1, [el('span', { class: 'pager-label', text: 'Nächste ' }), '›'],
                    { class: 'next', rel: 'next', 'aria-label': 'Nächste Seite' }));
  }
  replace_children(pager, items);
  pager.hidden = false;
}

/** Article view: title, meta, lead, body paragraphs, link to the original. */
export function render_article(article) {
  const box = $('article');
  const meta = [];
  if (article.source) meta.push(el('span', { class: 'source', text: article.source }));
  if (article.date) meta.push(el('time', { datetime: article.date, text: format_date(article.date) }));
  if (article.topic) meta.push(el('span', { class: 'topic', text: article.topic }));
  const meta_line = el('p', { class: 'meta' });
  meta.forEach((part, i) => {
    if (i > 0) meta_line.append(el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }));
    meta_line.append(part);
  });
  const paragraphs = String(article.body ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (is_subheading(p) ? el('h2', { class: 'subheading', text: p })
                                   : el('p', { text: p })));
  let original = null;
  if (article.url && /^https?:\/\//i.test(article.url)) {
    original = el('p', { class: 'original' },
      el('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer', id: 'original-link',
                text: 'Zum Originalartikel' }),
      el('span', { class: 'original-host', text: ` (${host_of(article.url)})` }));
  }
  replace_children(box,
    el('h1', { id: 'article-title', tabindex: '-1', text: article.title || '(ohne Titel)' }),
    meta_line,
    article.lead ? el('p', { class: 'lead', text: article.lead }) : null,
    el('div', { class: 'body' }, paragraphs),
    original);
}

export function render_related(result, state) {
  const list = document.querySelector('#related .related-list');
  const hits = result?.hits ?? [];
  const note = document.querySelector('#related .related-note');
  replace_children(list, hits.map((hit) => hit_item(hit, state, { snippet: false })));
  note.hidden = hits.length > 0;
  note.textContent = hits.length > 0 ? '' : 'Keine ähnlichen Artikel gefunden.';
}

// A short body line without closing punctuation is a subheading in Lupe's article layout.
function is_subheading(paragraph) {
  return paragraph.length <= 80 && !paragraph.includes('\n') && !/[.!?:;,“”"»«…)]$/.test(paragraph);
}

function host_of(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

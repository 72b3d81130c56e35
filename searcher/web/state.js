// The page's whole state lives in the URL query string:
//   /?q=Huawei&source=Eulerpool&topic=Technologie&from=2024-10-01&to=2024-10-31&sort=date&page=2
//   /?q=Huawei&article=<id>      (article view; the search it came from stays in the URL)
//   /?q=Huawei&collapse=0        (copies of one text as separate hits; collapsed by default)
// parse_state() and state_to_url() are inverses for every valid state, so a URL can be shared,
// reloaded and restored by the back button.

export const PAGE_SIZE = 10;

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** @typedef {{q: string, sources: string[], topics: string[], from: string, to: string,
 *             sort: 'relevance'|'date', page: number, article: string|null,
 *             collapse: boolean}} State */

/** @returns {State} */
export function empty_state() {
  return { q: '', sources: [], topics: [], from: '', to: '', sort: 'relevance', page: 1, article: null,
           collapse: true };
}

/** Reads a state from a query string ("?q=..." or ""). Invalid values are dropped. */
export function parse_state(search) {
  const params = new URLSearchParams(search);
  const state = empty_state();
  state.q = (params.get('q') ?? '').trim();
  state.sources = unique(params.getAll('source').filter(Boolean));
  state.topics = unique(params.getAll('topic').filter(Boolean));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  state.from = DATE_RE.test(from) ? from : '';
  state.to = DATE_RE.test(to) ? to : '';
  state.sort = params.get('sort') === 'date' ? 'date' : 'relevance';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  state.page = Number.isFinite(page) && page >= 1 ? page : 1;
  state.article = params.get('article') || null;
  state.collapse = params.get('collapse') !== '0';
  return state;
}

/** The URL (path and query) of a state; defaults are left out so URLs stay short. */
export function state_to_url(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const s of state.sources) params.append('source', s);
  for (const t of state.topics) params.append('topic', t);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort === 'date') params.set('sort', 'date');
  if (state.page > 1) params.set('page', String(state.page));
  if (state.article) params.set('article', state.article);
  if (!state.collapse) params.set('collapse', '0');
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** True when the state asks for a search (a query or any filter). */
export function has_search(state) {
  return Boolean(state.q || state.sources.length || state.topics.length || state.from || state.to);
}

export function has_filters(state) {
  return Boolean(state.sources.length || state.topics.length || state.from || state.to);
}

/** Query string for GET /api/search for this state. */
export function search_params(state) {
  const params = new URLSearchParams();
  params.set('q', state.q);
  for (const s of state.sources) params.append('source', s);
  for (const t of state.topics) params.append('topic', t);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  params.set('sort', state.sort);
  params.set('facets', 'source,topic,month');
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((state.page - 1) * PAGE_SIZE));
  params.set('collapse', state.collapse ? '1' : '0');
  return params.toString();
}

/** A copy of `state` with `changes` applied. */
export function with_changes(state, changes) {
  return { ...state, sources: [...state.sources], topics: [...state.topics], ...changes };
}

/** First and last day of a month "YYYY-MM" as ISO dates. */
export function month_range(month) {
  const [year, mon] = month.split('-').map(Number);
  const last_day = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last_day).padStart(2, '0')}` };
}

/** The month "YYYY-MM" when from/to cover exactly one calendar month, else null. */
export function selected_month(state) {
  if (!state.from || !state.to) return null;
  const month = state.from.slice(0, 7);
  if (state.from.length !== 10 || state.to.length !== 10) return null;
  const range = month_range(month);
  return range.from === state.from && range.to === state.to ? month : null;
}

function unique(values) {
  return [...new Set(values)];
}

// DOM helpers. Text from the API is only ever inserted as text; the one exception, snippets,
// go through snippet_nodes(), which keeps their text and <mark> elements and nothing else.

/**
 * Creates an element. `props`: class, text, dataset, attributes (others are set as attributes;
 * `false`/`null` values are skipped). Children: nodes or strings (inserted as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A snippet ("… <mark>Huawei</mark> …", already HTML-escaped by the server) as DOM nodes.
 * Parsed inertly; only text and <mark> survive, so a broken snippet cannot inject markup.
 */
export function snippet_nodes(html) {
  const doc = new DOMParser().parseFromString(`<body>${html ?? ''}</body>`, 'text/html');
  const out = document.createDocumentFragment();
  const copy = (source, target) => {
    for (const child of source.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        target.append(document.createTextNode(child.textContent));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === 'MARK') {
          const mark = document.createElement('mark');
          copy(child, mark);
          target.append(mark);
        } else {
          copy(child, target);
        }
      }
    }
  };
  copy(doc.body, out);
  return out;
}

const number_format = new Intl.NumberFormat('de-DE');
const ms_format = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const long_date = new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const month_long = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const month_short = new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function format_number(n) {
  return number_format.format(n);
}

export function format_ms(ms) {
  return `${ms_format.format(ms)} ms`;
}

/** "2024-10-08" -> "8. Oktober 2024"; anything unparseable is returned as it is. */
export function format_date(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return iso ?? '';
  return long_date.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
}

/** "2024-10" -> "Oktober 2024" (or "Okt. 2024" with short = true). */
export function format_month(month, short = false) {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  if (!m) return month ?? '';
  return (short ? month_short : month_long).format(new Date(Date.UTC(+m[1], +m[2] - 1, 1)));
}

/** Date filter as words: "Oktober 2024", "ab 1. März 2023", "1. März 2023 – 5. Mai 2024". */
export function format_range(from, to) {
  const day = (d) => (d.length === 10 ? format_date(d) : d.length === 7 ? format_month(d) : d);
  if (from && to) return `${day(from)} – ${day(to)}`;
  if (from) return `ab ${day(from)}`;
  if (to) return `bis ${day(to)}`;
  return '';
}

/** Removes all children and appends new ones. */
export function replace_children(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

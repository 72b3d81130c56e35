// Month histogram: one bar per month from facets.month, in calendar order, with empty months
// between the first and the last shown as gaps so the time axis stays true. A bar is a button;
// choosing it narrows the date filter to that month (choosing the selected bar again clears it).

import { el, format_month, format_number, replace_children } from './dom.js';

const MAX_GAP_MONTHS = 240; // beyond 20 years of empty months, show only the months with hits

/**
 * @param {HTMLElement} box          #histogram
 * @param {{value: string, count: number}[]} months
 * @param {string|null} selected     month "YYYY-MM" that the date filter covers exactly, if any
 * @param {(month: string) => void} on_choose
 */
export function render_histogram(box, months, selected, on_choose) {
  const counts = new Map();
  for (const m of months ?? []) {
    if (/^\d{4}-\d{2}$/.test(m.value) && m.count > 0) counts.set(m.value, m.count);
  }
  if (counts.size === 0) {
    replace_children(box, el('p', { class: 'histogram-empty', text: 'Keine Daten' }));
    return;
  }
  const keys = [...counts.keys()].sort();
  let axis = month_sequence(keys[0], keys[keys.length - 1]);
  if (axis.length > MAX_GAP_MONTHS) axis = keys;
  const max = Math.max(...counts.values());

  const bars = axis.map((month) => {
    const count = counts.get(month) ?? 0;
    if (count === 0) {
      return el('span', { class: 'gap', dataset: { month }, title: `${format_month(month)}: keine Treffer` });
    }
    const label = `${format_month(month)}: ${format_number(count)} Treffer`;
    const bar = el('button', {
      type: 'button', class: 'bar', title: label, 'aria-label': label,
      'aria-pressed': month === selected ? 'true' : 'false',
      dataset: { month, count: String(count) },
      onclick: () => on_choose(month),
    }, el('span', { class: 'fill', style: `height: ${Math.max(4, Math.round((count / max) * 100))}%` }));
    return bar;
  });

  const first = axis[0];
  const last = axis[axis.length - 1];
  replace_children(box,
    el('div', { class: 'bars' }, bars),
    el('div', { class: 'axis', 'aria-hidden': 'true' },
      el('span', { text: format_month(first, true) }),
      first !== last ? el('span', { text: format_month(last, true) }) : null));
}

/** All months from `first` to `last` inclusive ("YYYY-MM"). */
function month_sequence(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

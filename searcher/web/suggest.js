// Autocomplete for the search box (ARIA combobox with a listbox popup). While the user types,
// the last word is completed from /api/suggest (debounced). Arrow keys move through the list,
// Enter or a click takes a suggestion: it replaces the last word and the search runs.

import { el, replace_children } from './dom.js';

const DEBOUNCE_MS = 150;
const MIN_PREFIX = 2;

export function last_word(value) {
  return /(\S*)$/.exec(value)[1];
}

/** Replaces the last word of `value` with `word`, keeping a leading capital the user typed. */
export function replace_last_word(value, word) {
  const typed = last_word(value);
  const cased = typed && typed[0] !== typed[0].toLowerCase() && word
    ? word[0].toUpperCase() + word.slice(1)
    : word;
  return value.slice(0, value.length - typed.length) + cased;
}

/**
 * @param {HTMLInputElement} input
 * @param {HTMLElement} listbox
 * @param {{fetch_suggestions: (q: string, signal: AbortSignal) => Promise<string[]>,
 *          on_choose: () => void}} options
 */
export function attach_suggest(input, listbox, { fetch_suggestions, on_choose }) {
  let items = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  const open = () => !listbox.hidden;

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function cancel() {
    clearTimeout(timer);
    if (controller) controller.abort();
    controller = null;
  }

  function show(words, prefix) {
    items = words;
    active = -1;
    if (words.length === 0) {
      replace_children(listbox);
      close();
      return;
    }
    replace_children(listbox, words.map((word, i) => {
      const lower = prefix.toLowerCase();
      const head = word.toLowerCase().startsWith(lower) ? word.slice(0, prefix.length) : '';
      return el('li', {
        id: `suggestion-${i}`, role: 'option', class: 'suggestion', 'aria-selected': 'false',
        dataset: { value: word },
        onmousedown: (event) => { event.preventDefault(); choose(i); },
      }, head ? el('span', { class: 'typed', text: head }) : null, word.slice(head.length));
    }));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function highlight(index) {
    active = index;
    listbox.querySelectorAll('[role=option]').forEach((node, i) => {
      node.setAttribute('aria-selected', i === index ? 'true' : 'false');
    });
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `suggestion-${index}`);
      listbox.children[index]?.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(index) {
    const word = items[index];
    if (word === undefined) return;
    input.value = replace_last_word(input.value, word);
    cancel();
    close();
    on_choose();
  }

  input.addEventListener('input', () => {
    cancel();
    const value = input.value;
    const prefix = last_word(value);
    if (prefix.length < MIN_PREFIX) {
      close();
      return;
    }
    timer = setTimeout(async () => {
      controller = new AbortController();
      const my_controller = controller;
      try {
        const words = await fetch_suggestions(value, my_controller.signal);
        if (my_controller.signal.aborted || input.value !== value || document.activeElement !== input) return;
        show(words.filter((w) => typeof w === 'string' && w), prefix);
      } catch {
        if (!my_controller.signal.aborted) close(); // suggestions are optional: fail quietly
      }
    }, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!open()) {
        if (items.length && last_word(input.value).length >= MIN_PREFIX) {
          listbox.hidden = false;
          input.setAttribute('aria-expanded', 'true');
        } else {
          return;
        }
      }
      event.preventDefault();
      const n = items.length;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight(active === -1 ? (step === 1 ? 0 : n - 1) : (active + step + n) % n);
    } else if (event.key === 'Enter') {
      if (open() && active >= 0) {
        event.preventDefault();
        choose(active);
      } else {
        cancel();
        close();
      }
    } else if (event.key === 'Escape') {
      if (open()) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener('blur', () => { cancel(); close(); });

  return {
    /** Hides the list and forgets pending requests (e.g. when the page navigates). */
    reset() { cancel(); close(); items = []; },
  };
}

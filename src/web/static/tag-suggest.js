// Tag suggestions as you type, for every comma-separated tag input marked with data-tag-kind.
// The inputs work on their own without this script; it only offers existing tags, as an
// ARIA 1.2 combobox with a listbox popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).

const DEBOUNCE_MS = 200;
/** The separators the server splits tag lists on (see parseTagList in src/domain/works.ts). */
const SEPARATOR = /[,，、]/;
const MAX_TYPED = 150;

/** Answers already fetched on this page, by kind and typed text. */
const answers = new Map();

async function fetchSuggestions(kind, typed, signal, canonical) {
  const key = `${kind}\n${canonical ? 'canonical' : ''}\n${typed.toLowerCase()}`;
  if (answers.has(key)) return answers.get(key);
  const response = await fetch(
    `/tags/suggest?${new URLSearchParams({ kind, q: typed, ...(canonical ? { canonical: '1' } : {}) })}`,
    { signal, headers: { accept: 'application/json' } },
  );
  if (!response.ok) throw new Error(`tag suggestions answered ${response.status}`);
  const { tags } = await response.json();
  answers.set(key, tags);
  return tags;
}

const tagKey = (name) => name.replace(/\s+/g, ' ').trim().toLowerCase();

/** The tag the caret is in: where it starts and ends in the input's value, and its text. */
function tagAtCaret(input) {
  const { value } = input;
  const caret = input.selectionStart ?? value.length;
  let start = caret;
  while (start > 0 && !SEPARATOR.test(value[start - 1])) start--;
  let end = caret;
  while (end < value.length && !SEPARATOR.test(value[end])) end++;
  return { start, end, text: value.slice(start, end).trim() };
}

/** The other tags already in the input, so they are not offered twice. */
function otherTags(input, current) {
  const before = input.value.slice(0, current.start);
  const after = input.value.slice(current.end);
  return new Set(`${before},${after}`.split(SEPARATOR).map(tagKey).filter(Boolean));
}

/** The option's text with the typed part marked, built from text nodes (names are never parsed as HTML). */
function optionContent(name, typed, uses) {
  const label = document.createElement('span');
  const at = name.toLowerCase().indexOf(typed.toLowerCase());
  if (at >= 0) {
    const match = document.createElement('mark');
    match.className = 'tag-suggest__match';
    match.textContent = name.slice(at, at + typed.length);
    label.append(name.slice(0, at), match, name.slice(at + typed.length));
  } else {
    label.append(name);
  }
  const count = document.createElement('span');
  count.className = 'tag-suggest__uses';
  count.textContent = uses === 1 ? '1 work' : `${uses.toLocaleString()} works`;
  return [label, ' ', count];
}

class TagSuggest {
  constructor(input, index) {
    this.input = input;
    this.kind = input.dataset.tagKind;
    // data-tag-canonical: only canonical tags (the wrangling forms).
    this.canonical = input.dataset.tagCanonical === '1';
    // data-tag-single: the field holds one tag name, not a comma-separated list.
    this.single = input.dataset.tagSingle === '1';
    this.options = [];
    this.active = -1;
    this.timer = undefined;
    this.request = undefined;
    /** Set while the script itself changes the value, so that change is not searched for. */
    this.picking = false;

    const id = input.id || `tag-input-${index}`;
    input.id = id;
    const label = input.labels?.[0]?.textContent?.trim() || 'tags';

    this.wrapper = document.createElement('div');
    this.wrapper.className = 'tag-suggest';
    this.list = document.createElement('ul');
    this.list.className = 'tag-suggest__list';
    this.list.id = `${id}-suggestions`;
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', `Existing ${label.toLowerCase()}`);
    this.list.hidden = true;
    this.status = document.createElement('div');
    this.status.className = 'visually-hidden';
    this.status.setAttribute('aria-live', 'polite');
    this.status.setAttribute('aria-atomic', 'true');
    input.replaceWith(this.wrapper);
    this.wrapper.append(input, this.list, this.status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.list.id);
    // The browser's own form history would cover the suggestions.
    input.setAttribute('autocomplete', 'off');

    input.addEventListener('input', () => {
      if (!this.picking) this.schedule();
    });
    input.addEventListener('keydown', (event) => this.onKeydown(event));
    input.addEventListener('blur', () => this.close());
    // Keep the focus in the input while an option is clicked, so the writer can type on.
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.pick(Number(option.dataset.index));
    });
  }

  get isOpen() {
    return !this.list.hidden;
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  async refresh() {
    this.request?.abort();
    const current = tagAtCaret(this.input);
    if (current.text.length === 0 || current.text.length > MAX_TYPED) {
      this.close();
      return;
    }
    const request = new AbortController();
    this.request = request;
    let tags;
    try {
      tags = await fetchSuggestions(this.kind, current.text, request.signal, this.canonical);
    } catch {
      // Offline, aborted or refused: the writer simply types the tag in full.
      if (this.request === request) this.close();
      return;
    }
    // The writer may have typed on, or left the field, while the answer was on its way.
    if (this.request !== request || document.activeElement !== this.input) return;
    const present = otherTags(this.input, current);
    this.show(
      tags.filter((tag) => !present.has(tagKey(tag.name))),
      current.text,
    );
  }

  show(tags, typed) {
    this.options = tags;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.list.replaceChildren(
      ...tags.map((tag, index) => {
        const option = document.createElement('li');
        option.id = `${this.list.id}-${index}`;
        option.className = 'tag-suggest__option';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.index = String(index);
        option.append(...optionContent(tag.name, typed, tag.uses));
        return option;
      }),
    );
    if (tags.length === 0) {
      this.close();
      return;
    }
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.announce(
      `${tags.length === 1 ? '1 existing tag' : `${tags.length} existing tags`} suggested. Use the up and down arrow keys to choose, Enter to pick.`,
    );
  }

  close() {
    clearTimeout(this.timer);
    this.request?.abort();
    this.request = undefined;
    if (!this.isOpen) return;
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.announce('');
  }

  announce(message) {
    if (this.status.textContent !== message) this.status.textContent = message;
  }

  move(step) {
    const count = this.options.length;
    if (count === 0) return;
    const next = this.active === -1 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    this.highlight(next);
  }

  highlight(index) {
    this.active = index;
    for (const option of this.list.children)
      option.setAttribute('aria-selected', String(Number(option.dataset.index) === index));
    const option = this.list.children[index];
    this.input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  /** Puts the chosen tag in place of the one being typed and leaves "…, Tag, " to go on with. */
  pick(index) {
    const tag = this.options[index];
    if (!tag) return;
    if (this.single) {
      this.input.value = tag.name;
      this.input.setSelectionRange(tag.name.length, tag.name.length);
      this.close();
      this.announce(`${tag.name} chosen.`);
      this.picking = true;
      this.input.dispatchEvent(new Event('input', { bubbles: true }));
      this.picking = false;
      return;
    }
    const current = tagAtCaret(this.input);
    const { value } = this.input;
    const before = value.slice(0, current.start);
    const after = value.slice(current.end);
    const lead = before.trim() === '' ? '' : `${before.trimEnd()} `;
    const tail = after.trim() === '' ? ', ' : after;
    this.input.value = `${lead}${tag.name}${tail}`;
    const caret = lead.length + tag.name.length + (after.trim() === '' ? tail.length : 0);
    this.input.setSelectionRange(caret, caret);
    this.close();
    this.announce(`${tag.name} added.`);
    // Let anything else watching the field (autosave) know it changed.
    this.picking = true;
    this.input.dispatchEvent(new Event('input', { bubbles: true }));
    this.picking = false;
  }

  onKeydown(event) {
    if (event.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (this.isOpen && !event.altKey) this.move(1);
        else this.refresh();
        break;
      case 'ArrowUp':
        if (!this.isOpen) return;
        event.preventDefault();
        this.move(-1);
        break;
      case 'Enter':
        // Only a highlighted suggestion stops Enter; otherwise it sends the form as usual.
        if (this.isOpen && this.active >= 0) {
          event.preventDefault();
          this.pick(this.active);
        }
        break;
      case 'Escape':
        if (this.isOpen) {
          event.preventDefault();
          this.close();
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  }
}

document.querySelectorAll('input[data-tag-kind]').forEach((input, index) => new TagSuggest(input, index));

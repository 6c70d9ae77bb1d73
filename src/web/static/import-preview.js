// Import preview: clicking a sentence of a paragraph offers "Split the paragraph here" and "Move
// this sentence to the notes" (or "to the story"). The offered buttons are submit buttons of the
// preview form, like the "Split, join or move sentences" controls every paragraph has without this
// script, so the whole form (every move and choice on the page) is sent with the edit.

const form = document.querySelector('form.import-preview');
if (form) start(form);

function start(form) {
  for (const edit of form.querySelectorAll('.import-edit[data-sentences]')) {
    const text = edit.closest('.import-piece')?.querySelector('.import-piece__text');
    if (text) wrapSentences(text, edit.dataset.sentences.split(',').map(Number));
  }
  let open = null;
  const close = () => {
    if (!open) return;
    open.menu.remove();
    open.sentence.classList.remove('import-sentence--chosen');
    open = null;
  };
  form.addEventListener('click', (event) => {
    const sentence = event.target instanceof Element ? event.target.closest('.import-sentence') : null;
    if (!sentence) return;
    // Selecting words to copy them is not a click on the sentence.
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const same = open?.sentence === sentence;
    close();
    if (same) return;
    open = offer(sentence, close);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !open) return;
    const summary = open.edit.querySelector('summary');
    close();
    summary?.focus();
  });
  // After an edit the page comes back at the edited paragraph: bring the keyboard there too.
  const target = /^#piece-\d+$/.test(location.hash) ? document.getElementById(location.hash.slice(1)) : null;
  if (target) {
    target.tabIndex = -1;
    target.focus();
  }
}

/** Puts each sentence of the paragraph's text in a span of its own; the text itself is unchanged. */
function wrapSentences(text, starts) {
  const whole = text.textContent;
  if (starts.some((start) => !Number.isInteger(start) || start < 0 || start > whole.length)) return;
  const spans = starts.map((start, n) => {
    const span = document.createElement('span');
    span.className = 'import-sentence';
    span.dataset.sentence = String(n);
    span.textContent = whole.slice(start, starts[n + 1] ?? whole.length);
    return span;
  });
  text.replaceChildren(...spans);
  text.classList.add('import-piece__text--sentences');
}

function offer(sentence, close) {
  const piece = sentence.closest('.import-piece');
  const edit = piece.querySelector('.import-edit');
  const n = Number(sentence.dataset.sentence);
  const total = piece.querySelectorAll('.import-sentence').length;
  const { piece: index, move, action } = edit.dataset;
  if (n === 0 && !move) return null;
  const menu = document.createElement('div');
  menu.className = 'import-sentence-menu';
  menu.setAttribute('role', 'group');
  menu.setAttribute('aria-label', `Sentence ${n + 1} of ${total}`);
  const label = document.createElement('span');
  label.className = 'import-sentence-menu__label';
  label.textContent = `Sentence ${n + 1}:`;
  menu.append(label);
  const button = (value, text) => {
    const b = document.createElement('button');
    b.type = 'submit';
    b.formAction = action;
    b.name = 'edit';
    b.value = value;
    b.className = 'button--secondary';
    b.textContent = text;
    menu.append(b);
  };
  if (n > 0) button(`split:${index}:${n + 1}`, 'Split the paragraph here');
  if (move) button(`move:${index}:${n + 1}`, `Move this sentence to the ${move}`);
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'link-button';
  cancel.textContent = 'Cancel';
  cancel.addEventListener('click', close);
  menu.append(cancel);
  piece.querySelector('.import-piece__text').after(menu);
  sentence.classList.add('import-sentence--chosen');
  menu.querySelector('button')?.focus();
  return { menu, sentence, edit };
}

// A live character count for fields with a length limit (data-max-length="N"). The archive
// refuses text over a limit and gives the form back whole; this only warns while typing: from
// 90% of the limit it shows "9,950 / 10,000", and past it "312 characters over". Without this
// script the server's message says the same after sending.

const SHOW_FROM = 0.9;

for (const field of document.querySelectorAll('[data-max-length]')) attachCount(field);

function attachCount(field) {
  const max = Number(field.dataset.maxLength);
  if (!Number.isInteger(max) || max <= 0) return;
  const count = document.createElement('p');
  count.className = 'char-count';
  count.id = `${field.id || field.name}-char-count`;
  count.setAttribute('aria-live', 'polite');
  field.insertAdjacentElement('afterend', count);
  const update = () => {
    const text = describe(characters(field.value), max);
    if (count.textContent !== text) count.textContent = text;
    count.hidden = text === '';
    count.classList.toggle('char-count--over', characters(field.value) > max);
  };
  field.addEventListener('input', update);
  update();
}

// Counted as the archive counts: code points, not UTF-16 units (an emoji is one character).
function characters(value) {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function describe(length, max) {
  const format = (n) => n.toLocaleString('en');
  if (length > max) {
    const over = length - max;
    return `${format(over)} ${over === 1 ? 'character' : 'characters'} over`;
  }
  return length >= max * SHOW_FROM ? `${format(length)} / ${format(max)}` : '';
}

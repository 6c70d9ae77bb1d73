// Comments on a passage: selecting a sentence (or more) inside one paragraph of the chapter text
// offers "Comment on this passage", which opens the paragraph's comment form quoting the selection.
// The server keeps the quote only when it really is in that paragraph. Without this script each
// paragraph still has its own "Comment on paragraph N" link (the "+" at its end).

const QUOTE_LIMIT = 1000;

const texts = [...document.querySelectorAll('.chapter-text')];
if (texts.length > 0) start();

function start() {
  const button = document.createElement('a');
  button.className = 'passage-offer button';
  button.textContent = 'Comment on this passage';
  button.hidden = true;

  let pending = null;
  const update = () => {
    pending = null;
    const offer = offerFor(document.getSelection());
    if (!offer) {
      button.hidden = true;
      return;
    }
    button.href = offer.href;
    // Right after the paragraph, so that Tab from the selection reaches it next.
    if (button.previousElementSibling !== offer.paragraph) offer.paragraph.after(button);
    button.hidden = false;
    const rect = offer.rect;
    const origin = (button.offsetParent ?? document.body).getBoundingClientRect();
    const left = Math.max(8, Math.min(rect.left, innerWidth - button.offsetWidth - 8));
    button.style.top = `${rect.bottom - origin.top + 8}px`;
    button.style.left = `${left - origin.left}px`;
  };
  // After the selection settles (dragging, double-clicking, keyboard or touch handles).
  document.addEventListener('selectionchange', () => {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(update, 250);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !button.hidden) button.hidden = true;
  });
}

/** The paragraph element a node is in, when it is a numbered paragraph of the chapter text. */
function paragraphOf(node) {
  const element = node instanceof Element ? node : node?.parentElement;
  const paragraph = element?.closest('p[id]');
  return paragraph && paragraph.closest('.chapter-text') ? paragraph : null;
}

/** Where the offer goes and where to show it, for a selection inside one paragraph; null otherwise. */
function offerFor(selection) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const paragraph = paragraphOf(range.startContainer);
  if (!paragraph || paragraphOf(range.endContainer) !== paragraph) return null;
  const link = paragraph.querySelector('.passage-add');
  if (!link) return null;
  // The selected words without the paragraph's own marks (its count and "+").
  const copy = range.cloneContents();
  copy.querySelectorAll('.passage-marks').forEach((marks) => marks.remove());
  const quote = copy.textContent.replace(/\s+/g, ' ').trim();
  if (quote === '' || quote.length > QUOTE_LIMIT) return null;
  const url = new URL(link.href, location.href);
  url.searchParams.set('quote', quote);
  const rects = range.getClientRects();
  const rect = rects.length > 0 ? rects[rects.length - 1] : range.getBoundingClientRect();
  return { href: url.pathname + url.search, rect, paragraph };
}

// Keeps the reader's place in a work: which paragraph of the chapter text is at the top of the
// screen. A member's place goes to their reading history (the server offers it on their next
// visit); a guest's stays in this browser, and this script offers it. Saved at most every few
// seconds while reading, and once more when the page is left. Nothing jumps: coming back shows a
// "Continue where you left off" link. Without this script members still get "Continue reading
// chapter N" from the chapter their visit recorded.

const SAVE_EVERY_MS = 5000;

const box = document.getElementById('resume-reading');
const texts = [...document.querySelectorAll('.chapter-text[data-chapter-id]')];

if (box && texts.length > 0) start(box, texts);

function start(box, texts) {
  const saving = box.dataset.saving;
  const workId = box.dataset.workId;
  const key = `quire:reading-position:${workId}`;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  // Every numbered paragraph, in page order, with its chapter and its number in that chapter.
  const paragraphs = texts.flatMap((text) =>
    [...text.querySelectorAll('p[id]')].map((element, i) => ({
      element,
      chapterId: text.dataset.chapterId,
      chapterPosition: Number(text.dataset.chapterPosition),
      chapterUrl: text.dataset.chapterUrl,
      paragraph: i + 1,
    })),
  );
  if (paragraphs.length === 0) return;

  // Arriving at a paragraph already (a followed link): the offer has nothing more to give.
  if (location.hash) box.replaceChildren();
  else if (saving === 'browser') offerKept(box, texts, key);
  if (saving !== 'member' && saving !== 'browser') return;

  let saved = null; // "chapter:paragraph" last kept
  let current = null;
  let lastSave = 0;
  let timer = null;

  const save = (leaving) => {
    timer = null;
    if (!current) return;
    const id = `${current.chapterId}:${current.paragraph}`;
    if (id === saved) return;
    saved = id;
    lastSave = Date.now();
    if (saving === 'browser') return keepInBrowser(key, current);
    const body = new URLSearchParams({
      _csrf: csrfToken,
      chapter: current.chapterId,
      paragraph: String(current.paragraph),
    });
    if (leaving && navigator.sendBeacon && navigator.sendBeacon(box.dataset.saveUrl, body)) return;
    fetch(box.dataset.saveUrl, { method: 'POST', body, credentials: 'same-origin', keepalive: true }).catch(() => {
      saved = null; // try again with the next save
    });
  };

  // Only after the reader scrolls: opening the page (to look at the offer) does not move their place.
  // Nor does scrolling above the text (say, to reach the offer): a place is kept once the text reaches the top.
  const onScroll = () => {
    if (paragraphs[0].element.getBoundingClientRect().top > 1) return;
    current = atTop(paragraphs);
    if (timer !== null) return;
    timer = setTimeout(() => save(false), Math.max(0, lastSave + SAVE_EVERY_MS - Date.now()));
  };
  addEventListener('scroll', onScroll, { passive: true });
  addEventListener('pagehide', () => save(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save(true);
  });
}

/** The paragraph at the top of the screen: the first whose end is below the top edge. */
function atTop(paragraphs) {
  let low = 0;
  let high = paragraphs.length - 1;
  if (paragraphs[high].element.getBoundingClientRect().bottom <= 0) return paragraphs[high];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (paragraphs[mid].element.getBoundingClientRect().bottom > 0) high = mid;
    else low = mid + 1;
  }
  return paragraphs[low];
}

function keepInBrowser(key, place) {
  try {
    localStorage.setItem(
      key,
      JSON.stringify({
        chapterId: place.chapterId,
        chapterPosition: place.chapterPosition,
        chapterUrl: place.chapterUrl,
        paragraph: place.paragraph,
      }),
    );
  } catch {
    // Storage full or turned off: the place is simply not kept.
  }
}

/** A guest's place kept in this browser, offered as a link unless the page already opens there. */
function offerKept(box, texts, key) {
  let kept;
  try {
    kept = JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return;
  }
  if (!kept || typeof kept.chapterUrl !== 'string' || !Number.isInteger(kept.paragraph) || kept.paragraph < 1) return;
  if (!kept.chapterUrl.startsWith('/works/')) return;
  const here = texts.some((text) => text.dataset.chapterId === kept.chapterId);
  const full = box.dataset.opened === 'full';
  const chapterPage = location.pathname.includes('/chapters/');
  // On the chapter itself, only a place past its start; on another chapter's page, nothing.
  if (!full && here && kept.paragraph <= 1) return;
  if (!full && !here && chapterPage) return;
  const oneChapter = box.dataset.oneChapter === '1';
  const link = document.createElement('a');
  link.className = 'resume-reading__link';
  link.href = `${kept.chapterUrl}#p-${kept.paragraph}`;
  link.textContent = oneChapter
    ? `Continue where you left off (paragraph ${kept.paragraph})`
    : `Continue where you left off (chapter ${kept.chapterPosition}, paragraph ${kept.paragraph})`;
  const p = document.createElement('p');
  p.append(link);
  box.replaceChildren(p);
}

/**
 * A line that is only when a post was written: "November 25, 2026", "Dec 3, 2026 17:42",
 * "12 de nov. de 2026 22:41:07", "2026/09/03 23:48", "جمعه ۱۴ آذر ۱۴۰۵". Read from the page, it is
 * the post's date, a fact like "Published: …", never a line that may name who wrote it.
 */
import type { Piece } from './part-pieces.ts';

/** Persian and Arabic-Indic digits read as the digits they are. */
function westernDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/gu, (d) => String((d.codePointAt(0)! - 0x0660) % 0x90));
}

const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?![\d:])/giu;
/** "2026/09/03", "03.09.2026", and "12. 3. 2016" as Czech and German write it, spaced after each dot. */
const NUMERIC_DATE =
  /(?<!\d)(?:\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}\.\s\d{1,2}\.\s\d{4})(?![\d])/u;
/** A year in the Gregorian, Solar Hijri or Thai Buddhist calendar. */
const YEAR = /^(?:1[3-9]|2[0-5])\d{2}$/u;
/**
 * Small words between a date's parts: "12 de nov. de 2026", "the 3rd of May", "Dec 3, 2026 at 9:14"; the word for
 * "at" before the time in Polish, Czech, Russian, Dutch, Italian, Portuguese and Scandinavian ("12 lipca 2008 o 14:27",
 * "3 novembre 2007 alle 18:20", "9 мая 2021 г. в 10:15").
 */
const JOINERS =
  /^(?:de|del|of|the|at|à|um|a|las|le|den|der|di|del|do|da|em|el|il|on|y|und|et|o|v|ve|в|г|om|alle|ore|às|kl|klo|r)$/iu;

/** The whole line is a date, with perhaps its weekday and time of day, and no other words. */
export function isPostDate(line: string): boolean {
  const text = westernDigits(line.trim());
  if (text.length === 0 || text.length > 48) return false;
  const untimed = text.replace(TIME, ' ');
  // "11/04/2004 : 20:03:44", "2026/09/03 - 23:48": a colon or a dash between the date and the time, as boards print it.
  if (NUMERIC_DATE.test(untimed))
    return (
      untimed
        .replace(NUMERIC_DATE, ' ')
        .trim()
        .replace(/^[\s:–-]*$/u, '')
        .replace(/[\s,.()]/gu, '') === ''
    );
  // A dash or "@" standing alone between the day and the time: "Saturday, June 14, 2003 - 11:48 p.m.".
  const tokens = untimed.split(/[\s,.·|()]+/u).filter((t) => t !== '' && !/^[-–—@]$/u.test(t));
  const numbers = tokens.filter((t) => /^\d+(?:st|nd|rd|th|er|º|°)?$/iu.test(t)).map((t) => parseInt(t, 10));
  const words = tokens.filter((t) => !/^\d/u.test(t) && !JOINERS.test(t));
  return (
    numbers.length === 2 &&
    numbers.some((n) => YEAR.test(String(n))) &&
    numbers.some((n) => n >= 1 && n <= 31) &&
    words.length >= 1 &&
    words.length <= 2 &&
    words.every((w) => /^\p{L}{2,10}$/u.test(w))
  );
}

const MONTH_NAME = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}$/iu;
const WEEKDAY_NAME = /^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?$/iu;

/** "Sunday, November 27", "Nov 27th": a blog's date over a post, the year left to its archive. */
export function isDayOfYear(line: string): boolean {
  const tokens = line
    .trim()
    .split(/[\s,.]+/u)
    .filter((t) => t !== '');
  if (tokens.length < 2 || tokens.length > 3) return false;
  const day = tokens.filter((t) => /^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$/iu.test(t));
  const words = tokens.filter((t) => !day.includes(t));
  return (
    day.length === 1 &&
    words.filter((w) => MONTH_NAME.test(w)).length === 1 &&
    words.every((w) => MONTH_NAME.test(w) || WEEKDAY_NAME.test(w))
  );
}

/** Parts a lone line at the top may be guessed as: a line of the work's header only read, its summary or note. */
const GUESSED = new Set(['metadata', 'summary', 'notes']);

/**
 * A date line the file shows over the story, left out with no field or guessed as the work's summary or
 * note, is when it was posted: a fact, with the field a labelled "Posted: …" has.
 */
export function markPostDates(pieces: Piece[]): void {
  for (const p of pieces) {
    if (!GUESSED.has(p.part) || p.chapter !== null || p.field !== undefined || p.consumed !== '') continue;
    if (!isPostDate(p.text)) continue;
    if (p.part !== 'metadata') Object.assign(p, { part: 'metadata', reason: 'when it was posted, over the story' });
    p.field = 'metadata';
  }
}

/** Words a date line starts with that say what the date is, not who posted: "Posted 3 May 2021", "更新 2017-05-14". */
const DATE_LABEL =
  /^(?:posted|updated|published|written|created|edited|last|on|at|date|dated|chapter|part|ch\.?|pt\.?|publié|publicado|gepostet|发表于?|發表於?|更新|投稿|作成|작성|등록|опубликовано|обновлено)$/iu;
/** A member's level the site shows after the nickname: "Lv 12", "Level 3", "Lv.7". */
const MEMBER_LEVEL = /\s+(?:lv\.?|lvl\.?|level)\s*\d{1,3}$/iu;
/** What sites put between a nickname and the date: "Маша · 9 мая 2021", "nick | 2020-06-21". */
const BETWEEN = /^[\s·•|—–-]+|[\s·•|—–-]+$/gu;

/** "小雨的积木 2017-05-14 20:31:07", "Маша Серая Шейка · 9 мая 2021", "✿ plantar_pals ✿ Lv 12 March 3, 2021": a nickname, then the post's date. */
export function nameBeforeDate(line: string): { name: string; date: string } | undefined {
  const text = line.trim();
  if (text.length > 80 || text.includes('\n')) return undefined;
  const words = text.split(/\s+/u);
  // The longest name first: "Маша Серая Шейка · 9 мая 2021", not "Маша Серая" and "Шейка · 9 мая 2021".
  for (let k = Math.min(5, words.length - 1); k >= 1; k--) {
    const name = words.slice(0, k).join(' ').replace(BETWEEN, '').replace(MEMBER_LEVEL, '').replace(BETWEEN, '');
    const rest = words.slice(k).join(' ').replace(BETWEEN, '');
    if (!isPostDate(rest)) continue;
    if (name === '' || name.length > 40 || !/\p{L}/u.test(name) || /[,:;.]$/u.test(name) || isPostDate(name)) continue;
    if (words.slice(0, k).some((w) => DATE_LABEL.test(w))) return undefined;
    return { name, date: rest };
  }
  return undefined;
}

/**
 * A nickname and the date on one line over the story, the way blogs and social sites head a post (Douban, VK,
 * Tistory, Amino), is the writer's byline: the name the work's creator, the date when it was posted. Only when
 * the file names no creator otherwise, and only above the story's first words.
 */
export function markNameAndDateBylines(pieces: Piece[]): void {
  if (pieces.some((p) => p.field === 'author')) return;
  for (const [i, p] of pieces.entries()) {
    // The story's first line too, when more of the story follows it: a byline is no line of a story.
    const firstLine = p.part === 'text' && pieces[i + 1]?.part === 'text' && pieces[i + 1].chapter === p.chapter;
    if (!firstLine && (!GUESSED.has(p.part) || p.chapter !== null)) {
      if (p.part === 'text') return;
      continue;
    }
    const byline = p.field === undefined && p.consumed === '' ? nameBeforeDate(p.text) : undefined;
    if (!byline) {
      if (p.part === 'text') return;
      continue;
    }
    const reason = 'a nickname and the date over the post: who posted it and when';
    Object.assign(p, { part: 'metadata', chapter: null, field: 'author', text: byline.name, reason });
    pieces.splice(i + 1, 0, { ...p, text: byline.date, field: 'metadata', reason });
    return;
  }
}

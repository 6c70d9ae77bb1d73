/**
 * An outliner's Markdown export (Roam Research, Logseq, Workflowy, Dynalist): every line of the
 * note is a "- " bullet, indented under the bullet it hangs from, and a writer who drafts there
 * writes each paragraph as a bullet, headings as "- ## …" bullets, a rule as "- ---". Read as
 * Markdown, the whole story would be one nested list. Each bullet is a paragraph of its own, as the
 * writer wrote it; "[[page links]]" are the page's name.
 */

/** A bullet line: its indent, then "- " or "* " and the text. */
const BULLET = /^([ \t]*)[-*][ \t]+(\S.*)$/u;
/** Bullets enough that the file is an outline, not a short list. */
const MIN_BULLETS = 6;
/** Prose bullets, sentences of some length, that make the outline a story's and not a list of items. */
const PROSE_BULLETS = 3;
const PROSE_WORDS = 15;

/** Roam's and Logseq's "[[page]]" and "#[[page]]": the page's name as the writer reads it. */
function withoutPageLinks(text: string): string {
  return text.replace(/\[\[([^[\]\n]{1,200})\]\]/gu, '$1');
}

/**
 * The Markdown of an outliner's export with each bullet a paragraph, or the text as it was when it is not one.
 * `plainText`: a .txt file, where a "- " before every line may be a story's dialogue dashes (Danish, Swedish,
 * French speech), read as an outline only when its bullets nest or it links pages ("[[Ch. 1]]").
 */
export function outlineAsParagraphs(markdown: string, plainText = false): string {
  const lines = markdown.split('\n');
  if (plainText && !lines.some((line) => /^[ \t]+[-*][ \t]/u.test(line)) && !/\[\[[^[\]\n]+\]\]/u.test(markdown))
    return markdown;
  let bullets = 0;
  let prose = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const match = BULLET.exec(line);
    // A line under a bullet, indented, continues it (Logseq's multi-line blocks); any other line is not an outline's.
    if (!match) {
      if (bullets > 0 && /^[ \t]+\S/u.test(line)) continue;
      return markdown;
    }
    bullets++;
    if (match[2].split(/\s+/u).length >= PROSE_WORDS && /[.!?]["”’)]?$/u.test(match[2])) prose++;
  }
  if (bullets < MIN_BULLETS || prose < PROSE_BULLETS) return markdown;
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const match = BULLET.exec(line);
    if (match) out.push('', withoutPageLinks(match[2]));
    else out.push(withoutPageLinks(line.trim()));
  }
  return out.join('\n').trim() + '\n';
}

/**
 * An outliner's plain-text export with columns (OmniOutliner's): the first line the topic column's name and the
 * other columns' names after tabs ("Monte Cristo fic - The Last Three Moves<TAB>Status"), each row under it
 * indented by tabs, its cells after its text ("1. Opening<TAB>done"). The columns are the outline's bookkeeping,
 * not the story: each row keeps its indent and its text.
 */
export function withoutOutlineColumns(text: string): string {
  const lines = text.split('\n');
  const header = /^([^\t\s][^\t]*)((?:\t[^\t]+)+)\t?$/u.exec(lines[0] ?? '');
  const rows = lines.slice(1).filter((line) => line.trim() !== '');
  if (!header || rows.length < 6 || !rows.every((line) => line.startsWith('\t'))) return text;
  const celled = rows.filter((line) => /^\t*[^\t]+\t/u.test(line));
  if (celled.length < 3) return text;
  return [header[1], ...lines.slice(1).map((line) => /^\t*[^\t]*/u.exec(line)![0].trimEnd())].join('\n');
}

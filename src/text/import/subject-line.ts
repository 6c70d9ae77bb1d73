/**
 * A fic's subject line as LiveJournal, Dreamwidth, Tumblr and TwitLonger posts open with it, typed as
 * the post's first line: "fic: Four Minutes Before (Ghost Trick, Sissel & Lynne, G, ~600 words)" —
 * the word for what it is, the title, then in brackets the facts (fandom, pairing, rating, length); and
 * above it, the poster's name and handle ("lamp ghost @lampghost").
 */

/** "fic:", "Fic -", "[fic]", "drabble:": what the post is, before its title. */
const KIND = String.raw`(?:\[\s*)?(?:fan\s?fic(?:tion)?|fic|ficlet|drabble|one-?shot)(?:\s*\])?\s*[:\-–—]?\s+`;
const SUBJECT = new RegExp(String.raw`^${KIND}(\S[^()[\]]{0,99}?)\s*[([]([^()[\]]{1,150})[)\]]$`, 'iu');

/** The title a post's subject line gives, or undefined when the line is no such subject line. */
export function subjectLineTitle(text: string): string | undefined {
  const line = text.trim();
  if (line.includes('\n') || line.length > 260) return undefined;
  const subject = SUBJECT.exec(line);
  // The facts in brackets are a list: "Ghost Trick, Sissel & Lynne, G".
  if (!subject || subject[2].split(',').length < 2) return undefined;
  const title = subject[1].replace(/[\s:,;–—-]+$/u, '').trim();
  return /\p{L}/u.test(title) ? title : undefined;
}

/** "lamp ghost @lampghost": a social post's header, the poster's display name and handle on one line. */
const POSTER_HANDLE = /^([^\n@]{1,40}?)\s+@([A-Za-z0-9_]{1,30})$/u;

/** The display name of a post's header line, or undefined when the line is no such header. */
export function posterWithHandle(text: string): string | undefined {
  const header = POSTER_HANDLE.exec(text.trim());
  const name = header?.[1].trim();
  // A name, not a sentence that ends on a mention ("thanks to @betareader").
  if (!name || !/\p{L}/u.test(name) || /[.!?,:;]$/u.test(name) || name.split(/\s+/).length > 4) return undefined;
  return name;
}

/**
 * The work's title as the writer is offered it, in the preview's title field and in the imported work
 * alike: the title pieces' words without what a site or a subject line adds to them (a part count
 * "(1/2)", a kind of work "(a Celeste fic)", a status tag "[WIP]", the fandom in brackets, the rating).
 */
import { withoutKindAside, withoutPartCount } from './cues.ts';
import type { PartName, Piece } from './parts.ts';
import { statusFromPieces, untaggedTitle } from './status.ts';

type TitlePiece = Pick<Piece, 'part' | 'text' | 'field'>;

export function cleanedTitle(title: string | null, pieces: Piece[]): string | null {
  return withoutRating(
    withoutFandomAside(
      untaggedTitle(title && withoutKindAside(withoutPartCount(title)), statusFromPieces(pieces)),
      pieces,
    ),
    pieces,
  );
}

/** What the writer says about the work outside its title and its story: notes, disclaimer, summary, tags. */
const ABOUT_THE_WORK = new Set<PartName>([
  'notes',
  'end-notes',
  'chapter-notes',
  'chapter-end-notes',
  'disclaimer',
  'duplicate-disclaimer',
  'summary',
  'metadata',
]);

const FANDOM_WORDS = 5;
const BOOK_WORDS = 8;

/**
 * "(după Amintiri din copilărie)", "(viết tiếp Tôi thấy hoa vàng trên cỏ xanh)", "(kutoka Siku Njema)": the work the
 * story goes on from or after.
 */
const AFTER_THE_BOOK =
  /^(?:după|viết\s+tiếp|kutoka|based\s+on|after|nach|d['’]après|según|basad[oa]\s+en|basato\s+su|baseado\s+em|na\s+podstawie|по\s+мотивам|efter)\s+/iu;

/**
 * "Not for Swimming (Poldark)", "Community Service (Misfits, Simon & the gang)": blogs, Wattpad and forum
 * posts name the fandom in brackets after the title. It is left out of the title when the writer names
 * that fandom again in a note, the disclaimer or the tags ("Misfits belongs to …"), with the same capitals;
 * a title's own words in brackets ("The Dog Park Is Open (On One Condition)") are named nowhere else.
 */
function withoutFandomAside(title: string | null, pieces: TitlePiece[]): string | null {
  const aside = title === null ? null : /^(.*\S)\s*[(（]([^()（）]{2,60})[)）]$/u.exec(title);
  const first = aside?.[2].split(/[,;、，]/u)[0].trim();
  const fandom = first?.replace(AFTER_THE_BOOK, '');
  // A book's name after "after" may be longer than a fandom's: "(viết tiếp Tôi thấy hoa vàng trên cỏ xanh)".
  const most = fandom === first ? FANDOM_WORDS : BOOK_WORDS;
  if (!aside || !fandom || !/^[\p{Lu}\p{Lo}\d]/u.test(fandom) || fandom.split(/\s+/).length > most) return title;
  // A breadcrumb or a subject line that repeats the whole title does not name the fandom again.
  const named = pieces.some(
    (p) => ABOUT_THE_WORK.has(p.part) && p.text.split(aside[0]).some((rest) => namesPhrase(rest, fandom)),
  );
  return named ? aside[1] : title;
}

/**
 * "Muumilaakson viimeinen lyhty, S", "Harbour Lights [PG-13]": a forum subject line's rating after the title,
 * left out of it when the header states that rating ("Ikäraja: S").
 */
function withoutRating(title: string | null, pieces: TitlePiece[]): string | null {
  const rating = pieces
    .find((p) => p.part === 'metadata' && p.field === 'rating')
    ?.text.trim()
    .toLowerCase();
  if (title === null || !rating || rating.length > 12) return title;
  const match = /^(.*\S)(?:\s*,\s*([^,()[\]]+)|\s*[([]([^()[\]]+)[)\]])$/u.exec(title);
  const said = (match?.[2] ?? match?.[3])?.trim().toLowerCase();
  return match && said === rating ? match[1] : title;
}

/** Whether `phrase` stands in `text` as whole words. */
function namesPhrase(text: string, phrase: string): boolean {
  const letter = /[\p{L}\p{N}]/u;
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1))
    if (!letter.test(text[at - 1] ?? '') && !letter.test(text[at + phrase.length] ?? '')) return true;
  return false;
}

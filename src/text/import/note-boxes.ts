/**
 * A story site's boxes for the writer's notes: a box its class names as notes ("notas-iniciais",
 * "vorwort", "author-note"), headed by the site's label for it ("Notas iniciais do capítulo",
 * "Vorwort zu dieser Fanfic", "Author's Note"), as Nyah! Fanfiction, Animexx and others show a
 * chapter. The heading is the site's label, not a chapter; what the box holds is the note.
 */
import type { StatedPart } from './blocks.ts';
import { labelledField } from './cues.ts';

/** Words of a box's class that name the writer's notes. */
const NOTE_WORDS = new Set([
  'note',
  'notes',
  'notas',
  'nota',
  'notizen',
  'vorwort',
  'nachwort',
  'anmerkung',
  'anmerkungen',
  'foreword',
  'afterword',
  'authornote',
  'authornotes',
]);

/** Words of a box's class that name a chapter: notes inside it are the chapter's. */
const CHAPTER_WORDS = new Set(['chapter', 'capitulo', 'kapitel', 'chapitre', 'capitolo', 'rozdzial', 'hoofdstuk']);

/**
 * Words after a label that only say what it is the note of ("… do capítulo", "… zu dieser Fanfic").
 * Anything else after it makes the heading a title that merely starts like a label ("An Ordinary
 * Day", "Notes from Underground").
 */
const NOTE_OF = new Set([
  ...CHAPTER_WORDS,
  'capítulo',
  'rozdział',
  'fanfic',
  'fanfiction',
  'fic',
  'story',
  'história',
  'historia',
  'histoire',
  'geschichte',
  'storia',
  'work',
  'part',
  'parte',
  'teil',
]);

/**
 * The note a heading labels, read from its first words: "Notas finais do capítulo" is
 * "Notas finais", "Vorwort zu dieser Fanfic" is "Vorwort". Undefined for any other heading.
 */
export function noteHeading(text: string): 'notes' | 'end-notes' | undefined {
  const words = text
    .trim()
    .replace(/[:：]$/u, '')
    .split(/\s+/);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const field = labelledField(words.slice(0, n).join(' '));
    if (field?.value !== '' || (field.field !== 'notes' && field.field !== 'end-notes')) continue;
    const rest = words.slice(n).map((word) => word.toLowerCase().replace(/[^\p{L}]/gu, ''));
    return rest.length === 0 || (rest.length <= 4 && NOTE_OF.has(rest[rest.length - 1])) ? field.field : undefined;
  }
  return undefined;
}

/**
 * What a box holds when its class names notes and its heading labels them: the work's notes, or
 * the chapter's when the box sits in one. `classWords`: the box's; `around`: its ancestors'.
 */
export function noteBoxPart(
  classWords: string[],
  heading: string,
  around: string[],
): Extract<StatedPart['part'], 'notes' | 'end-notes' | 'chapter-notes' | 'chapter-end-notes'> | undefined {
  if (!classWords.some((word) => NOTE_WORDS.has(word))) return undefined;
  const label = noteHeading(heading);
  if (!label) return undefined;
  const chapter = around.some((word) => CHAPTER_WORDS.has(word));
  if (label === 'end-notes') return chapter ? 'chapter-end-notes' : 'end-notes';
  return chapter ? 'chapter-notes' : 'notes';
}

/**
 * The imported work: its parts joined from the pieces, sanitized HTML per chapter, language,
 * word count, stated and suggested tags, related works named in the summary, and the warnings a
 * writer should read before posting. Built from an ImportPreview, so a preview corrected by the
 * writer (a piece moved to another part, a chapter renamed) builds the corrected work the same way.
 */
import { countWordsInHtml } from '../../domain/wordcount.ts';
import { sanitizeUserHtml } from '../sanitize.ts';
import { escapeHtml } from './blocks.ts';
import { sequelMentions } from './cues.ts';
import { detectLanguage } from './language.ts';
import type { PartName, Piece } from './parts.ts';
import type { FileReport } from './read.ts';
import { endsSentence } from './sentences.ts';
import { cleanedTitle } from './work-title.ts';
import { statusFromPieces, type StatusSource } from './status.ts';
import type { TagMatcher } from './suggest.ts';
import { addStatedTag, emptyTags, mergeTags, type ImportedTags } from './tags.ts';

export type ImportBlock = { type: 'paragraph'; text: string } | { type: 'break' };

export interface ImportedChapter {
  title: string | null;
  notes: { beginning: string | null; end: string | null };
  blocks: ImportBlock[];
  /** Sanitized HTML of the chapter text. */
  html: string;
}

export type ImportWarningCode =
  'encoding-guessed' | 'mojibake-repaired' | 'paragraphs-restored' | 'truncated' | 'outside-unread' | 'uncertain';

export interface ImportWarning {
  code: ImportWarningCode;
  message: string;
  /** The pieces of the preview it is about (their indices), for a page to point to them. */
  pieces?: number[];
}

export interface RelatedMention {
  relation: 'sequel-of';
  title: string;
}

/** Everything the import found, with the pieces behind it, for a preview and for correcting it. */
export interface ImportPreview {
  files: FileReport[];
  /** Every piece of the input in reading order, with its part, its chapter and the reason for it. */
  pieces: (Piece & { file: number })[];
  /** Tags the input states; tags found in the text are in `suggested`. */
  stated: ImportedTags;
  suggested: { fandoms: string[]; characters: string[] };
  statedLanguage: string | null;
}

export interface ImportedWork {
  title: string | null;
  summary: string | null;
  disclaimer: string | null;
  notes: { beginning: string | null; end: string | null };
  language: string;
  wordCount: number;
  chapters: ImportedChapter[];
  tags: ImportedTags;
  related: RelatedMention[];
  /** Whether the file says the work is complete (true) or in progress (false); null when it says nothing. */
  complete: boolean | null;
  /** Where the file says it, in its own words, and how many chapters it says the work will have. */
  status: StatusSource | null;
  warnings: ImportWarning[];
  preview: ImportPreview;
}

/** The JSON a dry run prints: the work without its preview. */
export type ImportJson = Omit<ImportedWork, 'preview'>;

export function toImportJson(work: ImportedWork): ImportJson {
  const { preview: _preview, ...json } = work;
  return json;
}

/**
 * The title said twice, in the same words (a list mail's subject "FIC: Lord High Everything Else" and the
 * message's own "LORD HIGH EVERYTHING ELSE" over its byline): once, as first said.
 */
function onceEach(pieces: Piece[]): Piece[] {
  const key = (p: Piece) =>
    p.text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return pieces.filter((p, i) => key(p) === '' || pieces.findIndex((q) => key(q) === key(p)) === i);
}

function joinText(pieces: Piece[], separator = '\n\n'): string | null {
  const text = pieces
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join(separator);
  return text === '' ? null : text;
}

/** Plain text (paragraphs split by blank lines, lines by single breaks) as safe HTML paragraphs. */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />\n')}</p>`)
    .join('\n');
}

function chapterHtml(pieces: Piece[]): string {
  const html = pieces.map((p) => (p.part === 'break' ? '<hr />' : (p.html ?? plainTextToHtml(p.text)))).join('\n');
  return sanitizeUserHtml(html);
}

function excerpt(text: string, words = 8, fromEnd = false): string {
  const all = text.trim().split(/\s+/);
  if (all.length <= words) return text.trim();
  return fromEnd ? `…${all.slice(-words).join(' ')}` : `${all.slice(0, words).join(' ')}…`;
}

const PART_LABELS: Partial<Record<PartName, string>> = {
  title: 'the title',
  summary: 'the summary',
  disclaimer: 'the disclaimer',
  notes: 'the beginning notes',
  'end-notes': 'the end notes',
  'chapter-title': 'a chapter title',
  'chapter-notes': 'chapter notes',
  'chapter-end-notes': 'chapter end notes',
  text: 'the story text',
};

function warningsFor(preview: ImportPreview, chapters: ImportedChapter[], title: string | null): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  for (const file of preview.files) {
    const where = preview.files.length > 1 ? `${file.name}: ` : '';
    if (file.encodingGuessed) {
      warnings.push({
        code: 'encoding-guessed',
        message: `${where}the file does not say how its text is encoded; it was read as ${file.encoding}. Check accented letters, quotes and dashes.`,
      });
    }
    if (file.mojibakeLayers > 0) {
      const times = file.mojibakeLayers === 1 ? 'once' : `${file.mojibakeLayers} times over`;
      warnings.push({
        code: 'mojibake-repaired',
        message: `${where}the text had been garbled by a wrong encoding ${times} and was repaired (${file.mojibakeExamples.join(', ')}).`,
      });
    }
    if (file.paragraphsRestored) {
      warnings.push({
        code: 'paragraphs-restored',
        message: `${where}the text had lost its paragraph breaks; they were put back at sentence ends, new speakers and scene breaks. Read it through.`,
      });
    }
    if (file.cutMidCharacter)
      warnings.push({
        code: 'truncated',
        message: `${where}the file ends in the middle of a character: it was cut off.`,
      });
    if (file.outsideUnread)
      warnings.push({
        code: 'outside-unread',
        message: `${where}the page’s text outside the story (readers’ comments, a sidebar) nests thousands of boxes inside each other, too deep to read, so it is not shown below. The story was read; if any of your words were outside it, copy them in by hand.`,
      });
  }
  const lastChapter = chapters[chapters.length - 1];
  const lastParagraph = [...(lastChapter?.blocks ?? [])]
    .reverse()
    .find((b): b is { type: 'paragraph'; text: string } => b.type === 'paragraph');
  if (lastParagraph && !endsSentence(lastParagraph.text) && !warnings.some((w) => w.code === 'truncated')) {
    warnings.push({
      code: 'truncated',
      message: `the story stops mid-sentence (“${excerpt(lastParagraph.text, 8, true)}”): the file may have been cut off.`,
    });
  }
  const unsure = preview.pieces.filter((p) => p.unsure && p.text.trim() !== '');
  const unsureIndices = preview.pieces.flatMap((p, index) => (p.unsure && p.text.trim() !== '' ? [index] : []));
  if (unsure.length > 0) {
    const list = unsure
      .slice(0, 5)
      .map((p) => `${PART_LABELS[p.part] ?? p.part} (“${excerpt(p.text, 6)}”: ${p.reason})`);
    warnings.push({
      code: 'uncertain',
      message: `check these guesses: ${list.join('; ')}${unsure.length > 5 ? `; and ${unsure.length - 5} more` : ''}.`,
      pieces: unsureIndices,
    });
  }
  if (title === null) warnings.push({ code: 'uncertain', message: 'no title was found; give the work one.' });
  if (chapters.some((c) => c.blocks.length === 0))
    warnings.push({
      code: 'uncertain',
      message: 'a chapter has no story text; check which parts were taken as notes.',
    });
  return warnings;
}

export interface BuildOptions {
  tagMatcher?: TagMatcher;
}

export function buildWork(preview: ImportPreview, options: BuildOptions = {}): ImportedWork {
  const { pieces } = preview;
  const work = (part: PartName) => pieces.filter((p) => p.part === part);
  const title = joinText(onceEach(work('title')), ' ');
  const summary = joinText(work('summary'));

  // Each chapter's pieces, gathered in one pass (not a pass over every piece per chapter, nor a
  // spread of every piece's number as arguments, which a file of 150,000 paragraphs overflows).
  const byChapter: Piece[][] = [[]];
  for (const p of pieces) if (p.chapter !== null && p.chapter >= 0) (byChapter[p.chapter] ??= []).push(p);
  const chapters: ImportedChapter[] = [];
  for (let index = 0; index < byChapter.length; index++) {
    const own = byChapter[index] ?? [];
    const body = own.filter((p) => p.part === 'text' || p.part === 'break');
    chapters.push({
      title: joinText(
        own.filter((p) => p.part === 'chapter-title'),
        ': ',
      ),
      notes: {
        beginning: joinText(own.filter((p) => p.part === 'chapter-notes')),
        end: joinText(own.filter((p) => p.part === 'chapter-end-notes')),
      },
      blocks: body.map((p): ImportBlock =>
        p.part === 'break' ? { type: 'break' } : { type: 'paragraph', text: p.text },
      ),
      html: chapterHtml(body),
    });
  }

  const stated = mergeTags(emptyTags(), preview.stated);
  for (const p of work('metadata')) if (p.field) addStatedTag(stated, p.field, p.text);
  const storyText = pieces
    .filter((p) => p.part === 'text')
    .map((p) => p.text)
    .join('\n');
  const allText = pieces
    .filter((p) => p.part !== 'duplicate-disclaimer')
    .map((p) => p.text)
    .join('\n');
  const suggested = options.tagMatcher?.suggest(allText) ?? { fandoms: [], characters: [] };
  const tags = mergeTags(mergeTags(emptyTags(), stated), {
    ...emptyTags(),
    fandoms: suggested.fandoms,
    characters: suggested.characters,
  });

  const mentions = [summary, joinText(work('notes'))].filter((t): t is string => t !== null).flatMap(sequelMentions);
  const related = [...new Set(mentions)].map((t): RelatedMention => ({ relation: 'sequel-of', title: t }));
  const read = statusFromPieces(pieces);
  const built: ImportedWork = {
    title: cleanedTitle(title, pieces),
    summary,
    disclaimer: joinText(work('disclaimer')),
    notes: { beginning: joinText(work('notes')), end: joinText(work('end-notes')) },
    language: preview.statedLanguage ?? detectLanguage(storyText) ?? 'en',
    wordCount: chapters.reduce((sum, c) => sum + countWordsInHtml(c.html), 0),
    chapters,
    tags,
    related,
    complete: read?.complete ?? null,
    status: read && { said: read.said, where: read.where, expectedChapters: read.expectedChapters },
    warnings: [],
    preview: { ...preview, stated, suggested },
  };
  built.warnings = warningsFor(preview, chapters, title);
  return built;
}

/** Uploads for import tests, and what a writer sees of the work an import reads from them. */
import { importWork, type ImportedWork } from '../../src/text/import/index.ts';

/** A UTF-8 text (or HTML, Markdown …) file as a writer uploads it. */
export const textFile = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

/** The text the preview gives a field ('title', 'author', 'summary' …), if it found one. */
export const fieldText = (work: ImportedWork, field: string) =>
  work.preview.pieces.find((p) => p.field === field)?.text;

/** The creator the preview names. */
export const creatorName = (work: ImportedWork) => fieldText(work, 'author');

/** One chapter's paragraphs, scene breaks left out. */
export const chapterParagraphs = (work: ImportedWork, chapter = 0) =>
  work.chapters[chapter].blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

/** One chapter's paragraphs, each scene break shown as `breakMark`. */
export const chapterBlocks = (work: ImportedWork, chapter: number, breakMark: string) =>
  work.chapters[chapter].blocks.map((b) => (b.type === 'paragraph' ? b.text : breakMark));

/** Every chapter's paragraphs in order, scene breaks left out. */
export const storyParagraphs = (work: ImportedWork) => work.chapters.flatMap((_, i) => chapterParagraphs(work, i));

/** Every chapter's paragraphs in order, each scene break shown as `breakMark`. */
export const storyBlocks = (work: ImportedWork, breakMark: string) =>
  work.chapters.flatMap((_, i) => chapterBlocks(work, i, breakMark));

/** The story's HTML, chapter after chapter. */
export const storyHtml = (work: ImportedWork) => work.chapters.map((c) => c.html).join('\n');

/** The titles of the chapters read from a file (null where a chapter has none). */
export const chapterTitles = async (name: string, text: string) =>
  (await importWork([textFile(name, text)])).chapters.map((c) => c.title);

/** A paragraph of story for import tests, told the `n`th time ("first", "second"): prose with no note in it. */
export const iceScene = (n: string) =>
  `The ${n} time Kit fell through the ice, Ren pulled her out by the hood and said nothing about it all the way home.`;

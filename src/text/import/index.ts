/**
 * Import: stories as they really arrive (text in any encoding, Markdown, HTML, AO3 downloads,
 * saved pages, .docx, EPUB) turned into works. The steps are separate modules:
 * decode → mojibake → spacing → paragraphs → (html | docx | epub) → parts → work.
 *
 * For a web "Import a work" page: `importWork` gives the work and its `preview` (every piece of
 * the input with its part and the reason); after the writer moves pieces between parts or
 * renames chapters in `preview.pieces`, `buildWork(preview)` gives the corrected work to post.
 */
import { ImportError, MAX_IMPORT_BYTES } from './errors.ts';
import { findParts } from './parts.ts';
import { markNameAndDateBylines, markPostDates } from './post-date.ts';
import { readKindAsides } from './kind-aside.ts';
import { setDisclaimersApart } from './run-on-notes.ts';
import { setChromeApart } from './chrome.ts';
import { setChatApart, setRedditCommenterApart, setThreadApart } from './forum.ts';
import { setSignatureApart } from './mail.ts';
import { setSocialPasteApart } from './social-paste.ts';
import { setMailHeadersApart } from './mail-headers.ts';
import { setContentsApart } from './contents.ts';
import { setFimfictionBoxesApart } from './fimfiction.ts';
import { setHeaderLinesApart } from './header-lines.ts';
import { setPrintMarginsApart } from './print-margins.ts';
import { setPageFurnitureApart } from './page-furniture.ts';
import { setNamedPartsApart } from './named-parts.ts';
import { readFile, type ImportFile, type ReadFile } from './read.ts';
import { showOutside } from './outside.ts';
import { TagMatcher, type KnownTags } from './suggest.ts';
import { mergeTags, emptyTags } from './tags.ts';
import { buildWork, type ImportedWork } from './work.ts';

export interface ImportOptions {
  /** Fandom and character tags the archive has, to suggest the ones a story names. */
  knownTags?: KnownTags | TagMatcher;
  /** Per file; 25 MB unless given. */
  maxBytes?: number;
  /**
   * The median length (words) of the writer's paragraphs in their posted works: text that lost its
   * paragraphs gets them back at about this length. Unknown: the genre's (GENRE_PARAGRAPH_WORDS).
   */
  paragraphWords?: number;
}

export type ImportOutcome = { name: string; work: ImportedWork } | { name: string; error: ImportError };

function matcherFor(options: ImportOptions): TagMatcher | undefined {
  const known = options.knownTags;
  if (!known) return undefined;
  return known instanceof TagMatcher ? known : new TagMatcher(known);
}

/** Reads files that are the chapters of one work, in the order given. Any bad file fails the whole work. */
export async function importWork(files: ImportFile[], options: ImportOptions = {}): Promise<ImportedWork> {
  if (files.length === 0) throw new ImportError('no files to import.');
  const read: ReadFile[] = [];
  for (const [index, file] of files.entries())
    read.push(await readFile(file, index, options.maxBytes ?? MAX_IMPORT_BYTES, options.paragraphWords));
  const blocks = setHeaderLinesApart(
    setChromeApart(
      setContentsApart(
        setMailHeadersApart(
          setSignatureApart(
            setChatApart(
              setRedditCommenterApart(
                setSocialPasteApart(
                  setThreadApart(
                    setFimfictionBoxesApart(
                      setPrintMarginsApart(setPageFurnitureApart(setNamedPartsApart(read.flatMap((r) => r.blocks)))),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  if (!blocks.some((b) => b.text.trim() !== ''))
    throw new ImportError('there is no text in it.', files.length === 1 ? files[0].name : undefined);
  const pieces = setDisclaimersApart(findParts(blocks, { multiFile: files.length > 1 })).map((p) => ({
    ...p,
    file: blocks[p.block].file,
  }));
  markPostDates(pieces);
  markNameAndDateBylines(pieces);
  readKindAsides(pieces);
  showOutside(pieces, read, blocks.length);
  const stated = read.reduce((tags, r) => mergeTags(tags, r.tags), emptyTags());
  return buildWork(
    {
      files: read.map((r) => r.report),
      pieces,
      stated,
      suggested: { fandoms: [], characters: [] },
      statedLanguage: read.find((r) => r.language)?.language ?? null,
    },
    { tagMatcher: matcherFor(options) },
  );
}

/** Each file is a work of its own; a bad file gives its error and does not stop the others. */
export async function importFiles(files: ImportFile[], options: ImportOptions = {}): Promise<ImportOutcome[]> {
  const shared: ImportOptions = { ...options, knownTags: matcherFor(options) };
  const outcomes: ImportOutcome[] = [];
  for (const file of files) {
    try {
      outcomes.push({ name: file.name, work: await importWork([file], shared) });
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      outcomes.push({ name: file.name, error });
    }
  }
  return outcomes;
}

export { buildWork, toImportJson, plainTextToHtml } from './work.ts';
export type { ImportedWork, ImportedChapter, ImportJson, ImportPreview, ImportWarning, ImportBlock } from './work.ts';
export type { ImportFile, FileReport } from './read.ts';
export type { StatusSource, StatusPlace } from './status.ts';
export type { Piece, PartName } from './parts.ts';
export { TagMatcher, type KnownTags } from './suggest.ts';
export { ImportError, MAX_IMPORT_BYTES } from './errors.ts';
export { ImportWorkers, IMPORT_LIMITS, type ImportLimits } from './isolated.ts';
export { IMPORT_ZIP_BUDGET } from './zip.ts';
export { GENRE_PARAGRAPH_WORDS, medianParagraphWords } from './paragraphs.ts';

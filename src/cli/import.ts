/**
 * `bin/quire import PATH...`: files given together are the chapters of one work; a folder holds
 * works (each file one work, each sub-folder one work with its files as chapters, in name order).
 * A dry run prints what would be posted; otherwise the works are posted for a member, one
 * transaction per work. A bad file gets one error line and nothing is created for it.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { databaseOptions, type Config } from '../config.ts';
import { openStore, type Store } from '../store/index.ts';
import { ValidationError } from '../domain/errors.ts';
import type { WorkInput } from '../domain/works.ts';
import type { ChapterContent } from '../text/work-text.ts';
import {
  ImportError,
  importWork,
  MAX_IMPORT_BYTES,
  medianParagraphWords,
  TagMatcher,
  toImportJson,
  type ImportedWork,
  type ImportFile,
} from '../text/import/index.ts';
import { importedChapters, importedParts, importedWorkFields, suggestedProgress } from '../text/import/posting.ts';
import type { RelatedLink } from '../store/work-links.ts';
import { workPath } from '../paths.ts';

export const IMPORT_HELP = `  import PATH... [--user LOGIN] [--pseud NAME] [--draft] [--dry-run] [--json]
                          Import stories: .txt (any encoding), .md, .html (AO3 downloads, saved
                          pages), .docx, .rtf, .epub; at most ${MAX_IMPORT_BYTES / 1048576} MB a file. Files named together are
                          the chapters of one work; a folder holds one work per file or sub-folder.
                          --dry-run writes nothing (with --json: one JSON object per work).`;

/** Works are posted with these when the file states none, and the output says so. */
const DEFAULT_RATING = 'Not Rated';
const DEFAULT_WARNING = 'Creator Chose Not To Use Archive Warnings';
const DEFAULT_FANDOM = 'Unknown Fandom';

interface WorkSource {
  /** The path shown in messages: the file, or the folder of a work's chapters. */
  label: string;
  /** Used as the title when the work states none. */
  fallbackTitle: string;
  paths: string[];
}

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

function titleFromName(name: string): string {
  return (
    basename(name)
      .replace(/\.[a-z0-9]+$/i, '')
      .replace(/[_-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Untitled'
  );
}

async function visibleEntries(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => !name.startsWith('.')).sort(naturalOrder);
}

/** What the paths on the command line mean as works. */
async function workSources(paths: string[]): Promise<WorkSource[]> {
  const looseFiles: string[] = [];
  const sources: WorkSource[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new ImportError('no such file or folder.', path);
    if (!info.isDirectory()) {
      looseFiles.push(path);
      continue;
    }
    for (const name of await visibleEntries(path)) {
      const full = join(path, name);
      if ((await stat(full)).isDirectory()) {
        const chapters = (await visibleEntries(full)).map((n) => join(full, n));
        sources.push({ label: full, fallbackTitle: titleFromName(name), paths: chapters });
      } else sources.push({ label: full, fallbackTitle: titleFromName(name), paths: [full] });
    }
  }
  if (looseFiles.length > 0)
    sources.unshift({ label: looseFiles.join(', '), fallbackTitle: titleFromName(looseFiles[0]), paths: looseFiles });
  return sources;
}

async function readSource(source: WorkSource): Promise<ImportFile[]> {
  if (source.paths.length === 0) throw new ImportError('the folder is empty.', source.label);
  const files: ImportFile[] = [];
  for (const path of source.paths) {
    const { size } = await stat(path);
    // Refused before reading, so a huge file costs nothing.
    if (size > MAX_IMPORT_BYTES)
      throw new ImportError(
        `the file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB.`,
        path,
      );
    files.push({ name: basename(path), bytes: await readFile(path) });
  }
  return files;
}

async function knownTags(store: Store | undefined): Promise<TagMatcher | undefined> {
  if (!store) return undefined;
  const [fandoms, characters] = await Promise.all([
    store.tags.namesInUse('fandom'),
    store.tags.namesInUse('character'),
  ]);
  return new TagMatcher({ fandoms, characters });
}

interface Posting {
  input: WorkInput;
  chapters: ChapterContent[];
  /** What Quire chose because the file did not say, in words for the output. */
  defaults: string[];
}

/** The import as the posting form would have been filled in; unstated required fields get defaults. */
function toPosting(work: ImportedWork, fallbackTitle: string, draft: boolean): Posting {
  const defaults: string[] = [];
  const tags = work.tags;
  if (work.title === null) defaults.push(`title “${fallbackTitle}” (from the file name)`);
  if (tags.rating === null) defaults.push(`rating “${DEFAULT_RATING}”`);
  if (tags.warnings.length === 0) defaults.push(`archive warning “${DEFAULT_WARNING}”`);
  if (tags.fandoms.length === 0) defaults.push(`fandom “${DEFAULT_FANDOM}”`);
  const input: WorkInput = {
    ...importedParts(work),
    title: work.title ?? fallbackTitle,
    rating: tags.rating ?? DEFAULT_RATING,
    warnings: tags.warnings.length > 0 ? tags.warnings : [DEFAULT_WARNING],
    categories: tags.categories,
    fandoms: (tags.fandoms.length > 0 ? tags.fandoms : [DEFAULT_FANDOM]).join(', '),
    relationships: tags.relationships.join(', '),
    characters: tags.characters.join(', '),
    freeforms: tags.freeforms.join(', '),
    language: work.language,
    visibility: draft ? 'draft' : 'public',
    commentPolicy: 'everyone',
    moderated: false,
    ...suggestedProgress(work),
    publishAt: '',
  };
  return { input, chapters: importedChapters(work), defaults };
}

async function post(store: Store, posting: Posting, pseudId: number, related: RelatedLink[]): Promise<number> {
  const fields = importedWorkFields(posting.input);
  const [chapter, ...moreChapters] = posting.chapters;
  return store.works.create({
    fields,
    chapter,
    moreChapters,
    creatorPseudIds: [pseudId],
    links: { invitedPseudIds: [], gifts: [], betas: [], related },
  });
}

function describeWork(work: ImportedWork, label: string): string {
  const lines = [
    `${label}: “${work.title ?? '(no title)'}”, ${work.chapters.length} chapter${work.chapters.length === 1 ? '' : 's'}, ${work.wordCount.toLocaleString('en')} words, language ${work.language}`,
  ];
  for (const warning of work.warnings) lines.push(`  ${warning.code}: ${warning.message}`);
  return lines.join('\n');
}

function errorMessage(error: unknown): string | undefined {
  if (error instanceof ImportError) return error.message;
  if (error instanceof ValidationError) return Object.values(error.fieldErrors).join(' ');
  return undefined;
}

export interface ImportRequest {
  paths: string[];
  user?: string;
  pseud?: string;
  draft: boolean;
  dryRun: boolean;
  json: boolean;
}

/** Where the command's lines go: stdout and stderr for the CLI, arrays in tests. */
export interface ImportOutput {
  out(line: string): void;
  err(line: string): void;
}

export async function runImport(args: string[], config: Config): Promise<number> {
  const io: ImportOutput = { out: (line) => console.log(line), err: (line) => console.error(`quire: ${line}`) };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        user: { type: 'string' },
        pseud: { type: 'string' },
        draft: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const { values, positionals } = parsed;
  const request: ImportRequest = {
    paths: positionals,
    user: values.user,
    pseud: values.pseud,
    draft: values.draft === true,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
  };
  if (request.paths.length === 0) {
    io.err('usage: bin/quire import PATH... [--user LOGIN] [--pseud NAME] [--draft] [--dry-run] [--json]');
    return 2;
  }
  if (!request.dryRun && !request.user) {
    io.err('say whose works these are with --user LOGIN (or look first with --dry-run).');
    return 2;
  }
  // A dry run only reads the archive's tags, and only when there is an archive to read.
  const hasArchive = Boolean(config.databaseUrl) || existsSync(config.sqlitePath);
  const store =
    !request.dryRun || hasArchive ? await openStore(databaseOptions(config), { migrate: !request.dryRun }) : undefined;
  try {
    return await importPaths(request, store, io);
  } finally {
    await store?.close();
  }
}

/** The command itself, on an open store (none for a dry run without an archive). Returns the exit code. */
export async function importPaths(request: ImportRequest, store: Store | undefined, io: ImportOutput): Promise<number> {
  let sources: WorkSource[];
  try {
    sources = await workSources(request.paths);
  } catch (error) {
    io.err(errorMessage(error) ?? (error as Error).message);
    return 2;
  }
  let pseudId = 0;
  let ownWorks: { id: number; title: string }[] = [];
  // Collapsed text gets its paragraphs back at the member's own length, as on the web.
  let paragraphWords: number | undefined;
  if (!request.dryRun) {
    const user = await store!.users.findByLogin(request.user!);
    if (!user) {
      io.err(`there is no member with the login ${request.user}.`);
      return 2;
    }
    const pseuds = await store!.pseuds.listForUser(user.id);
    const pseud = request.pseud
      ? pseuds.find((p) => p.name.toLowerCase() === request.pseud!.toLowerCase())
      : pseuds.find((p) => p.isDefault);
    if (!pseud) {
      io.err(`${user.login} has no pen name “${request.pseud}” (they have: ${pseuds.map((p) => p.name).join(', ')}).`);
      return 2;
    }
    pseudId = pseud.id;
    paragraphWords = medianParagraphWords(await store!.imports.recentChapterBodies(user.id));
    ownWorks = (await store!.works.list({ viewerId: user.id, userId: user.id, limit: 10_000 })).works.map((w) => ({
      id: w.id,
      title: w.title,
    }));
  }
  const tagMatcher = await knownTags(store).catch(() => undefined);
  let failures = 0;
  for (const source of sources) {
    try {
      const work = await importWork(await readSource(source), { knownTags: tagMatcher, paragraphWords });
      if (request.dryRun) {
        io.out(request.json ? JSON.stringify(toImportJson(work)) : describeWork(work, source.label));
        continue;
      }
      const posting = toPosting(work, source.fallbackTitle, request.draft);
      const related = work.related.flatMap((mention): RelatedLink[] => {
        const earlier = ownWorks.find((w) => w.title.toLowerCase() === mention.title.toLowerCase());
        return earlier ? [{ relation: 'sequel-of', targetWorkId: earlier.id, url: '', title: '' }] : [];
      });
      const workId = await post(store!, posting, pseudId, related);
      ownWorks.push({ id: workId, title: posting.input.title });
      if (request.json) {
        io.out(
          JSON.stringify({
            ...toImportJson(work),
            workId,
            url: workPath(workId),
            draft: request.draft,
            defaults: posting.defaults,
            linkedRelated: related.length,
          }),
        );
      } else {
        const chosen =
          posting.defaults.length > 0 ? ` Not stated in the file, so chosen: ${posting.defaults.join('; ')}.` : '';
        io.out(
          `${describeWork(work, source.label)}\n  Posted as work ${workId}${request.draft ? ' (draft)' : ''}: /works/${workId}.${chosen}`,
        );
      }
    } catch (error) {
      const message = errorMessage(error);
      if (message === undefined) throw error;
      failures++;
      io.err(error instanceof ImportError ? message : `${source.label}: ${message}`);
    }
  }
  return failures > 0 ? 1 : 0;
}

import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { Choice, FieldError, RatingWarningsCategories } from './work-form.tsx';
import type { PendingImportListing, Pseud } from '../../store/index.ts';
import { COMMENT_POLICIES, LANGUAGES, LIMITS } from '../../domain/works.ts';
import {
  MAX_IMPORT_BYTES,
  type FileReport,
  type ImportedWork,
  type ImportWarning,
  type StatusSource,
} from '../../text/import/index.ts';
import {
  isMovable,
  PART_LABELS,
  partChoices,
  partLabel,
  type IndexedPiece,
  type PreviewGroups,
  type PreviewPiece,
} from '../../text/import/corrections.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, type UploadForm } from '../import-form.ts';
import { expectedChapters, type ImportChoices } from '../../app/import-state.ts';
import { formatDate } from '../format.ts';
import { importPath, importActionPath } from '../../paths.ts';
import { IMPORT_PREVIEW_SCRIPT, PieceEdits, type PreviewEditing } from './import-edits.tsx';
import { foldingFor, foldPieces } from './import-folds.ts';

const ACCEPTED =
  '.txt,.text,.md,.markdown,.html,.htm,.xhtml,.docx,.rtf,.epub,text/plain,text/html,text/markdown,application/rtf,text/rtf';

function PenNameField({ pseuds, value, errors }: { pseuds: Pseud[]; value: string; errors: FieldErrors }) {
  return (
    <div class={`field${errors.pseudId ? ' field--error' : ''}`}>
      <label for="field-pseudId">Pen name</label>
      <FieldError name="pseudId" errors={errors} />
      <select id="field-pseudId" name="pseudId" aria-invalid={errors.pseudId ? 'true' : undefined}>
        {pseuds.map((pseud) => (
          <option value={String(pseud.id)} selected={value === String(pseud.id)}>
            {pseud.name}
          </option>
        ))}
      </select>
    </div>
  );
}

const UPLOAD_LABELS = { files: 'Files', text: 'Paste the story', pseudId: 'Pen name' };

export function ImportUploadPage(props: {
  ctx: PageContext;
  pseuds: Pseud[];
  form: UploadForm;
  errors: FieldErrors;
  inProgress: PendingImportListing[];
}) {
  const { ctx, pseuds, form, errors, inProgress } = props;
  const limit = MAX_IMPORT_BYTES / 1048576;
  return (
    <Layout ctx={ctx} title="Import a work">
      <h1>Import a work</h1>
      <p class="import-intro">
        Bring a story you have already written: a text file in any encoding, Markdown, a web page or an AO3 download
        (.html), a Word document (.docx), a rich text file (.rtf, as TextEdit and WordPad save) or an EPUB. Several
        files become the chapters of one work, in the order you choose them. You see a preview of every part the import
        finds and can correct it; nothing is posted until you say so.
      </p>
      <ErrorSummary errors={errors} labels={UPLOAD_LABELS} />
      <form method="post" action="/works/import" enctype="multipart/form-data" class="import-upload" novalidate>
        <CsrfField ctx={ctx} />
        <PenNameField pseuds={pseuds} value={form.pseudId} errors={errors} />
        <div class={`field${errors.files ? ' field--error' : ''}`}>
          <label for="field-files">Files</label>
          <p class="field__hint" id="field-files-hint">
            .txt, .md, .html, .docx, .rtf or .epub, at most {limit} MB each. Choose several to make them the chapters of
            one work: up to {MAX_UPLOAD_FILES} files, {MAX_UPLOAD_BYTES / 1048576} MB in all.
            {errors.files || errors.text
              ? ' For your safety, browsers forget a chosen file when a form comes back: choose it again.'
              : ''}
          </p>
          <FieldError name="files" errors={errors} />
          <input
            type="file"
            id="field-files"
            name="files"
            multiple
            accept={ACCEPTED}
            aria-describedby="field-files-hint"
            aria-invalid={errors.files ? 'true' : undefined}
          />
        </div>
        <TextField
          name="text"
          label="Or paste the story"
          value={form.text}
          error={errors.text}
          multiline
          hint={`Plain text or HTML, at most ${limit} MB, with its title, summary, notes and chapters as you have them; blank lines between paragraphs.`}
        />
        <Actions>
          <button type="submit">Preview the import</button>
          <a href="/works/new">Post a new work by hand instead</a>
        </Actions>
      </form>
      {inProgress.length > 0 ? (
        <section class="import-list" aria-labelledby="imports-in-progress">
          <h2 id="imports-in-progress">Your imports in progress</h2>
          <ul>
            {inProgress.map((item) => (
              <li>
                <a href={importPath(item.id)}>{item.title || 'Untitled import'}</a>{' '}
                <span class="import-list__when">
                  started {formatDate(item.createdAt)}, kept until {formatDate(item.expiresAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

const WARNING_LABELS: Record<ImportWarning['code'], string> = {
  'encoding-guessed': 'Encoding guessed',
  'mojibake-repaired': 'Garbled characters repaired',
  'paragraphs-restored': 'Paragraphs restored',
  truncated: 'May be cut off',
  'outside-unread': 'Not all of the page read',
  uncertain: 'Unsure',
};

function describeFile(file: FileReport): string {
  const kind = {
    text: 'plain text',
    markdown: 'Markdown',
    html: 'HTML',
    docx: 'Word document',
    rtf: 'RTF',
    epub: 'EPUB',
  }[file.format];
  // Word documents and EPUBs are read as HTML inside; only a layout worth naming (an AO3 download) is said.
  const format = file.layout && (file.format === 'html' || file.layout === 'AO3 download') ? file.layout : kind;
  return file.encoding && file.format !== 'docx' && file.format !== 'epub'
    ? `${file.name} (${format}, ${file.encoding})`
    : `${file.name} (${format})`;
}

function excerpt(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : text.trim();
}

const GUESSES_LISTED = 10;

/** The import's guesses to check, each a link to its piece below (where it is open: guesses are never folded). */
function GuessesToCheck({ indices, pieces }: { indices: number[]; pieces: PreviewPiece[] }) {
  const more = indices.length - GUESSES_LISTED;
  return (
    <>
      check {indices.length === 1 ? 'this guess' : `these ${indices.length} guesses`}, marked “Check this guess” below:
      <ul class="import-guesses">
        {indices.slice(0, GUESSES_LISTED).map((index) => (
          <li>
            <a href={`#piece-${index}`}>
              {PART_LABELS[pieces[index].part]}: “{excerpt(pieces[index].text)}”
            </a>{' '}
            ({pieces[index].reason})
          </li>
        ))}
      </ul>
      {more > 0 ? `and ${more} more further down.` : null}
    </>
  );
}

/** A piece without words of its own: a scene break, a separator line, a heading or label read. */
function Marker({ entry: { index, piece } }: { entry: IndexedPiece }) {
  const marker = piece.consumed ? ` “${piece.consumed}”` : '';
  const what =
    piece.part === 'break'
      ? `Scene break${marker}`
      : piece.part === 'separator'
        ? `Separator line${marker}: ${piece.reason}`
        : piece.part === 'chapter-title'
          ? `Chapter heading${marker}`
          : `Label${marker}, for ${PART_LABELS[piece.part].toLowerCase()}: ${piece.reason}`;
  return (
    <p class="import-marker" id={`piece-${index}`}>
      {what}
    </p>
  );
}

const lastWords = (text: string) => {
  const words = text.trim().split(/\s+/);
  return words.length > 6 ? `…${words.slice(-6).join(' ')}` : text.trim();
};

/** A stretch of a long part the import had no doubt about: its words to read, and a button to open it for correcting. */
function Fold({ folded, from, to }: { folded: IndexedPiece[]; from: number; to: number }) {
  const withWords = folded.filter((entry) => isMovable(entry.piece));
  const parts = new Set(withWords.map((entry) => entry.piece.part));
  const [only] = parts;
  const part = parts.size === 1 ? PART_LABELS[only].toLowerCase() : 'what';
  return (
    <div class="import-fold">
      <details>
        <summary>
          Paragraphs {from}–{to}: {part} the import had no doubt about, from{' '}
          <i class="import-fold__words">{excerpt(withWords[0].piece.text)}</i> to{' '}
          <i class="import-fold__words">{lastWords(withWords[withWords.length - 1].piece.text)}</i>
        </summary>
        <div class="import-fold__text">
          {folded.map((entry) =>
            isMovable(entry.piece) ? <p id={`piece-${entry.index}`}>{entry.piece.text}</p> : <Marker entry={entry} />,
          )}
        </div>
      </details>
      <button type="submit" name="open" value={String(folded[0].index)} class="button--secondary">
        Correct paragraphs {from}–{to}
      </button>
    </div>
  );
}

/** One piece of the input: its words, why the import put it where it is, and a menu to move it. */
function PieceView({ entry, editing }: { entry: IndexedPiece; editing: PreviewEditing }) {
  const { index, piece } = entry;
  if (!isMovable(piece)) return <Marker entry={entry} />;
  const moved = piece.importedAs !== undefined && piece.importedAs !== piece.part;
  return (
    <div
      class={`import-piece${piece.unsure ? ' import-piece--unsure' : ''}${moved ? ' import-piece--moved' : ''}`}
      id={`piece-${index}`}
    >
      <div class="import-piece__text">{piece.text}</div>
      <div class="import-piece__meta">
        {piece.unsure ? <strong class="import-flag">Check this guess</strong> : null}
        <span class="import-piece__reason">
          {moved
            ? `You moved it here from ${PART_LABELS[piece.importedAs!].toLowerCase()}; the import thought: ${piece.reason}.`
            : `Why: ${piece.reason}.`}
          {piece.consumed ? ` Read “${piece.consumed}” as its label.` : ''}
        </span>
        <span class="import-piece__part">
          <label for={`part-${index}`}>
            Part<span class="visually-hidden"> for “{excerpt(piece.text)}”</span>
          </label>
          <select id={`part-${index}`} name={`part-${index}`}>
            {partChoices(piece).map((part) => (
              <option value={part} selected={piece.part === part}>
                {partLabel(piece, part)}
              </option>
            ))}
          </select>
        </span>
      </div>
      <PieceEdits index={index} piece={piece} editing={editing} />
    </div>
  );
}

function Pieces({ entries, none, editing }: { entries: IndexedPiece[]; none: string; editing: PreviewEditing }) {
  if (entries.length === 0) return <p class="import-none">{none}</p>;
  return (
    <>
      {foldPieces(entries, editing.folding).map((shown) =>
        'open' in shown ? <PieceView entry={shown.open} editing={editing} /> : <Fold {...shown} />,
      )}
    </>
  );
}

function PartSection({
  id,
  title,
  entries,
  none,
  errors,
  errorKey,
  editing,
}: {
  editing: PreviewEditing;
  id: string;
  title: string;
  entries: IndexedPiece[];
  none: string;
  errors: FieldErrors;
  errorKey: string;
}) {
  return (
    <section class={`import-part${errors[errorKey] ? ' field--error' : ''}`} id={id} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      <FieldError name={errorKey} errors={errors} />
      <Pieces entries={entries} none={none} editing={editing} />
    </section>
  );
}

export interface ImportPreviewProps {
  ctx: PageContext;
  importId: number;
  revision: number;
  expiresAt: string;
  files: string[];
  work: ImportedWork;
  groups: PreviewGroups;
  title: string;
  choices: ImportChoices;
  pseuds: Pseud[];
  errors: FieldErrors;
  /** Earlier works the summary or notes name ("sequel to …"), and whether one of the writer's works has that title. */
  related: { title: string; linked: boolean }[];
  /** The piece whose stretch of a long part the writer opened to correct (see import-folds.ts). */
  opened: number | null;
}

const PREVIEW_LABELS: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  notes: 'Beginning notes',
  endNotes: 'End notes',
  disclaimer: 'Disclaimer',
  rating: 'Rating',
  warnings: 'Archive warnings',
  fandoms: 'Fandoms',
  relationships: 'Relationships',
  characters: 'Characters',
  freeforms: 'Additional tags',
  language: 'Language',
  pseudId: 'Pen name',
  expectedChapters: 'Expected chapters',
};

/** Where the file says the work is complete or in progress, next to the box it ticked or left. */
function statusHint(status: StatusSource): string {
  switch (status.where) {
    case 'header':
      return `The file says “${status.said}”.`;
    case 'facts':
      return 'The file’s FanFiction.Net line of facts does not say “Complete”.';
    case 'title':
      return `The title says “${status.said}”; it is left out of the title.`;
    case 'summary':
      return `The summary says “${status.said}”.`;
    case 'end':
      return `At the end, the file says “${status.said}”.`;
  }
}

const VISIBILITY_LABELS: Record<string, string> = { public: 'Everyone', registered: 'Registered users only' };
const POLICY_LABELS: Record<string, string> = {
  everyone: 'Everyone, including guests',
  registered: 'Registered users only',
  nobody: 'Nobody',
};

export function ImportPreviewPage(props: ImportPreviewProps) {
  const { ctx, importId, work, groups, choices, errors } = props;
  const chapterLabels = Object.fromEntries(
    groups.chapters.map((c) => [
      `chapter-${c.index + 1}`,
      groups.chapters.length > 1 ? `Chapter ${c.index + 1}` : 'Story text',
    ]),
  );
  const language = LANGUAGES.find(([code]) => code === work.language)?.[1] ?? work.language;
  const suggested = work.preview.suggested;
  const multi = groups.chapters.length > 1;
  const editing: PreviewEditing = {
    action: importActionPath(importId, 'edit'),
    pieces: work.preview.pieces,
    folding: foldingFor(groups, props.opened),
  };
  return (
    <Layout
      ctx={ctx}
      title={`Import preview: ${props.title || 'Untitled'}`}
      scripts={[CHAR_COUNT_SCRIPT, IMPORT_PREVIEW_SCRIPT]}
    >
      <h1>Check the import: {props.title || 'Untitled'}</h1>
      <p class="import-intro">
        Every piece of what you sent is below, where the import put it and why. Move a piece with its <em>Part</em>{' '}
        menu, rename chapters, then press <em>Update preview</em> to see the work again, or post it straight away. Split
        a paragraph at a sentence, join it with the next one or move a sentence between the notes and the story with its{' '}
        <em>Split, join or move sentences</em> controls (or, with JavaScript, by clicking the sentence). This import is
        kept for you until {formatDate(props.expiresAt)}.
      </p>
      {editing.folding.folds ? (
        <p class="import-intro">
          The story is long, so stretches of paragraphs the import had no doubt about are folded: you can read them, and
          their <em>Correct paragraphs</em> button opens them with the controls of each paragraph. The beginning and end
          of every part and every guess to check are always open.
        </p>
      ) : null}
      <dl class="import-facts">
        <div>
          <dt>From</dt>
          <dd>{work.preview.files.map(describeFile).join('; ')}</dd>
        </div>
        <div>
          <dt>Chapters</dt>
          <dd>{work.chapters.length}</dd>
        </div>
        <div>
          <dt>Words</dt>
          <dd>{work.wordCount.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>
            {language}
            {work.preview.statedLanguage ? '' : ' (detected)'}
          </dd>
        </div>
      </dl>
      {work.warnings.length > 0 ? (
        <section class="import-warnings" aria-labelledby="import-warnings-heading">
          <h2 id="import-warnings-heading">Check before posting</h2>
          <ul>
            {work.warnings.map((warning) => (
              <li class={`import-warning import-warning--${warning.code}`}>
                <strong>{WARNING_LABELS[warning.code]}:</strong>{' '}
                {warning.pieces ? (
                  <GuessesToCheck indices={warning.pieces} pieces={work.preview.pieces} />
                ) : (
                  warning.message
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {suggested.fandoms.length + suggested.characters.length > 0 || props.related.length > 0 ? (
        <section class="import-suggestions" aria-labelledby="import-suggestions-heading">
          <h2 id="import-suggestions-heading">Found in the text</h2>
          <ul>
            {suggested.fandoms.length > 0 ? <li>Fandoms this archive has: {suggested.fandoms.join(', ')}</li> : null}
            {suggested.characters.length > 0 ? (
              <li>Characters this archive has: {suggested.characters.join(', ')}</li>
            ) : null}
            {props.related.map((r) => (
              <li>
                A sequel to “{r.title}”:{' '}
                {r.linked
                  ? 'your work of that title will be linked as related.'
                  : 'none of your works has that title, so it is not linked.'}
              </li>
            ))}
          </ul>
          {suggested.fandoms.length + suggested.characters.length > 0 ? (
            <p class="field__hint">They are filled in below as tags; remove any that do not fit.</p>
          ) : null}
        </section>
      ) : null}
      <ErrorSummary errors={errors} labels={{ ...PREVIEW_LABELS, ...chapterLabels }} />

      <form method="post" action={importPath(importId)} class="import-preview" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="revision" value={String(props.revision)} />
        {props.opened !== null ? <input type="hidden" name="opened" value={String(props.opened)} /> : null}
        {editing.folding.folds ? <input type="hidden" name="folds" value="1" /> : null}
        {/* Enter in a field updates the preview: the first submit button is the one a browser presses for it. */}
        <button type="submit" name="action" value="update" class="visually-hidden" tabIndex={-1} aria-hidden="true">
          Update preview
        </button>
        <h2>The work as imported</h2>
        <section class="import-part" aria-labelledby="import-title-heading">
          <h3 id="import-title-heading">Title</h3>
          <TextField
            name="title"
            label="Title of the work"
            value={props.title}
            error={errors.title}
            maxLength={LIMITS.title}
          />
          <Pieces entries={groups.title} none="No title was found in the text." editing={editing} />
        </section>
        <PartSection
          id="field-summary"
          title="Summary"
          entries={groups.summary}
          none="No summary was found."
          errors={errors}
          errorKey="summary"
          editing={editing}
        />
        <PartSection
          id="field-disclaimer"
          title="Disclaimer"
          entries={groups.disclaimer}
          none="No disclaimer was found."
          errors={errors}
          errorKey="disclaimer"
          editing={editing}
        />
        <PartSection
          id="field-notes"
          title="Beginning notes"
          entries={groups.notes}
          none="No notes before the story were found."
          errors={errors}
          errorKey="notes"
          editing={editing}
        />
        {groups.chapters.map((chapter) => {
          const key = `chapter-${chapter.index + 1}`;
          const name = multi ? `Chapter ${chapter.index + 1}` : 'The story';
          return (
            <section
              class={`import-chapter${errors[key] ? ' field--error' : ''}`}
              id={`field-${key}`}
              aria-labelledby={`${key}-heading`}
            >
              <h3 id={`${key}-heading`}>{name}</h3>
              <FieldError name={key} errors={errors} />
              <TextField
                name={`chapterTitle-${chapter.index}`}
                label={multi ? `Title of chapter ${chapter.index + 1}` : 'Chapter title'}
                value={chapter.title}
                maxLength={LIMITS.chapterTitle}
                hint={multi ? undefined : 'Optional: a one-chapter work rarely needs one.'}
              />
              {chapter.heading.length > 0 ? <Pieces entries={chapter.heading} none="" editing={editing} /> : null}
              {chapter.notes.length > 0 ? (
                <>
                  <h4>Chapter notes</h4>
                  <Pieces entries={chapter.notes} none="" editing={editing} />
                </>
              ) : null}
              <h4>Text</h4>
              <Pieces
                editing={editing}
                entries={chapter.text}
                none="No story text: choose Story text as the part of a piece to put it here."
              />
              {chapter.endNotes.length > 0 ? (
                <>
                  <h4>Chapter end notes</h4>
                  <Pieces entries={chapter.endNotes} none="" editing={editing} />
                </>
              ) : null}
            </section>
          );
        })}
        <PartSection
          id="field-endNotes"
          title="End notes"
          entries={groups.endNotes}
          none="No notes after the story were found."
          errors={errors}
          errorKey="endNotes"
          editing={editing}
        />
        {groups.other.length > 0 ? (
          <section class="import-part" aria-labelledby="import-other-heading">
            <h3 id="import-other-heading">Also read from the file</h3>
            <p class="field__hint">
              Stated tags, labels, separator lines, repeated disclaimers and a saved page’s text outside the story:
              read, not shown as text. Move any of it into the work with its menu.
            </p>
            <Pieces entries={groups.other} none="" editing={editing} />
          </section>
        ) : null}
        <div class="actions import-update">
          <button type="submit" name="action" value="update" class="button--secondary">
            Update preview
          </button>
        </div>

        <fieldset class="import-posting">
          <legend>Tags and posting</legend>
          <PenNameField pseuds={props.pseuds} value={choices.pseudId} errors={errors} />
          <RatingWarningsCategories values={choices} errors={errors} />
          <TextField
            name="fandoms"
            label="Fandoms"
            value={choices.fandoms}
            error={errors.fandoms}
            hint="Separate tags with commas. Use “Original Work” for original fiction."
          />
          <TextField
            name="relationships"
            label="Relationships"
            value={choices.relationships}
            error={errors.relationships}
            hint="Romantic: A/B. Platonic: A & B."
          />
          <TextField name="characters" label="Characters" value={choices.characters} error={errors.characters} />
          <TextField name="freeforms" label="Additional tags" value={choices.freeforms} error={errors.freeforms} />
          <div class="field">
            <label for="field-language">Language</label>
            <select id="field-language" name="language">
              {LANGUAGES.map(([code, name]) => (
                <option value={code} selected={choices.language === code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--checkbox import-status">
            <input
              type="checkbox"
              id="field-complete"
              name="complete"
              value="1"
              checked={choices.complete}
              aria-describedby={work.status ? 'field-complete-hint' : undefined}
            />
            <label for="field-complete">This work is complete</label>
            {work.status ? (
              <p class="field__hint" id="field-complete-hint">
                {statusHint(work.status)}
              </p>
            ) : null}
          </div>
          <TextField
            name="expectedChapters"
            label="Expected chapters"
            value={expectedChapters(work, choices)}
            error={errors.expectedChapters}
            hint="How many chapters the work will have: a number, or ? if you do not know yet."
          />
          <fieldset class="field">
            <legend>Who can read it</legend>
            {Object.entries(VISIBILITY_LABELS).map(([value, label]) => (
              <Choice
                type="radio"
                name="visibility"
                value={value}
                label={label}
                checked={choices.visibility === value}
              />
            ))}
          </fieldset>
          <fieldset class="field">
            <legend>Who can comment</legend>
            {COMMENT_POLICIES.map((p) => (
              <Choice
                type="radio"
                name="commentPolicy"
                value={p}
                label={POLICY_LABELS[p]}
                checked={choices.commentPolicy === p}
              />
            ))}
          </fieldset>
          <p class="field__hint">
            Series, gifts, co-creators and related works can be added on the work's edit page once it is saved.
          </p>
        </fieldset>
        <Actions>
          <button type="submit" formaction={importActionPath(importId, 'post')} name="mode" value="post">
            Post
          </button>
          <button
            type="submit"
            formaction={importActionPath(importId, 'post')}
            name="mode"
            value="draft"
            class="button--secondary"
          >
            Save as draft
          </button>
        </Actions>
      </form>
      <form method="post" action={importActionPath(importId, 'discard')} class="import-discard">
        <CsrfField ctx={ctx} />
        <button type="submit" class="link-button">
          Discard this import
        </button>
      </form>
    </Layout>
  );
}

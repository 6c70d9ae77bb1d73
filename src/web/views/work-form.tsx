import { SpamCheckFields } from './spam-check.tsx';
import { PromptFillField } from './prompt-memes.tsx';
import type { ComponentChildren } from 'preact';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import type { Pseud, Series } from '../../store/index.ts';
import {
  CATEGORIES,
  COMMENT_POLICIES,
  LANGUAGES,
  LIMITS,
  RATINGS,
  RIGHT_TO_LEFT,
  WARNINGS,
  type Visibility,
} from '../../domain/works.ts';
import { RELATION_LABELS, RELATIONS, type RelatedRow } from '../../domain/work-links.ts';
import { workFormKey } from '../../domain/autosave.ts';
import { autosaveAttributes, RestoredTextNotice, type AutosaveView } from './autosave.tsx';
import { scheduledFor, type WorkFormValues } from '../../app/work-form.ts';
import type { WorkPreview } from '../../app/works.ts';
import type { ChapterContent } from '../../text/work-text.ts';
import { publicationTime } from '../work-form.ts';
import { TagRows } from './blurbs.tsx';
import { workPath, userPath } from '../../paths.ts';

/** Other accounts' pen names that have accepted: shown on the edit form, not editable there. */
export interface FormCoCreator {
  name: string;
  login: string;
}

const LABELS: Record<string, string> = {
  rating: 'Rating',
  warnings: 'Archive warnings',
  fandoms: 'Fandoms',
  relationships: 'Relationships',
  characters: 'Characters',
  freeforms: 'Additional tags',
  title: 'Title',
  creators: 'Creators',
  summary: 'Summary',
  notes: 'Beginning notes',
  endNotes: 'End notes',
  disclaimer: 'Disclaimer',
  language: 'Language',
  expectedChapters: 'Expected chapters',
  publishAt: 'Publication date',
  chapterTitle: 'Chapter title',
  body: 'Work text',
  coCreators: 'Invite co-creators',
  gifts: 'Gift for',
  betas: 'Beta readers',
  related: 'Related works',
  collections: 'Collections',
  assignment: 'Gift exchange assignment',
};

/** Blank rows offered for related works below the ones already filled in (the form works without JavaScript). */
const BLANK_RELATED_ROWS = 2;

/** Tag suggestions as you type, the autosave of everything typed, and counts near length limits. */
export const FORM_SCRIPTS = ['/static/tag-suggest.js', '/static/autosave.js', CHAR_COUNT_SCRIPT];

/** Who may read a posted work; keeping it to its creators is the Save as draft button. */
const AUDIENCES: { value: Visibility; label: string }[] = [
  { value: 'public', label: 'Everyone' },
  { value: 'registered', label: 'Registered users only' },
];
const POLICY_LABELS: Record<string, string> = {
  everyone: 'Everyone, including guests',
  registered: 'Registered users only',
  nobody: 'Nobody',
};

export function Choice({
  type,
  name,
  value,
  label,
  checked,
}: {
  type: 'checkbox' | 'radio';
  name: string;
  value: string;
  label: string;
  checked: boolean;
}) {
  const id = `field-${name}-${value.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <div class="choice">
      <input type={type} id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  return errors[name] ? (
    <p class="field__error" id={`field-${name}-error`}>
      {errors[name]}
    </p>
  ) : null;
}

export function WorkFormPage(props: {
  ctx: PageContext;
  pseuds: Pseud[];
  series: Series[];
  values: WorkFormValues;
  errors: FieldErrors;
  workId?: number;
  title: string;
  coCreators?: FormCoCreator[];
  autosave?: AutosaveView;
  /** Editing a work readers can see or will see (not a draft): Post is Save changes, Save as draft is Return to drafts. */
  posted?: boolean;
  /** What Preview rendered from the values sent; nothing was saved. */
  preview?: WorkPreview;
}) {
  const { ctx, pseuds, series, values, errors, workId, coCreators = [], posted = false } = props;
  const editing = workId !== undefined;
  const schedule = scheduledFor(values.publishAt);
  const postLabel = posted ? 'Save changes' : schedule ? `Schedule for ${publicationTime(schedule)}` : 'Post';
  return (
    <Layout ctx={ctx} title={props.title} scripts={FORM_SCRIPTS}>
      <h1>{props.title}</h1>
      {editing ? null : (
        <p class="import-link">
          Written elsewhere already? <a href="/works/import">Import a work from a file</a> or pasted text, and check
          every part before posting.
        </p>
      )}
      <RestoredTextNotice ctx={ctx} formKey={workFormKey(workId)} autosave={props.autosave} />
      <ErrorSummary
        errors={errors}
        labels={{
          ...LABELS,
          ...Object.fromEntries(
            Object.keys(errors)
              .filter((k) => k.startsWith('related-'))
              .map((k) => [k, 'Related work']),
          ),
        }}
      />
      {props.preview ? <WorkPreviewSection preview={props.preview} language={values.language} /> : null}
      <form
        method="post"
        action={editing ? workPath(workId) : '/works'}
        class="work-form"
        novalidate
        {...autosaveAttributes(ctx, workFormKey(workId), props.autosave)}
      >
        <CsrfField ctx={ctx} />
        {values.spamCheck ? <SpamCheckFields shownAt={values.spamCheck.shownAt} idKey="work" /> : null}
        {values.promptId && !editing ? <PromptFillField promptId={values.promptId} /> : null}
        <fieldset>
          <legend>Tags</legend>
          <RatingWarningsCategories values={values} errors={errors} required />
          <TextField
            name="fandoms"
            inputAttributes={{ 'data-tag-kind': 'fandom' }}
            label="Fandoms"
            value={values.fandoms}
            error={errors.fandoms}
            required
            hint="Separate tags with commas. Use “Original Work” for original fiction."
          />
          <TextField
            name="relationships"
            inputAttributes={{ 'data-tag-kind': 'relationship' }}
            label="Relationships"
            value={values.relationships}
            error={errors.relationships}
            hint="Romantic: A/B. Platonic: A & B."
          />
          <TextField
            name="characters"
            inputAttributes={{ 'data-tag-kind': 'character' }}
            label="Characters"
            value={values.characters}
            error={errors.characters}
          />
          <TextField
            name="freeforms"
            inputAttributes={{ 'data-tag-kind': 'freeform' }}
            label="Additional tags"
            value={values.freeforms}
            error={errors.freeforms}
            hint={`At most ${LIMITS.userTags} fandom, relationship, character and additional tags in all.`}
          />
        </fieldset>

        <fieldset>
          <legend>Preface</legend>
          <TextField
            name="title"
            label="Title"
            value={values.title}
            error={errors.title}
            required
            maxLength={LIMITS.title}
          />
          <fieldset id="field-creators" class={`field${errors.creators ? ' field--error' : ''}`}>
            <legend>Creators</legend>
            <FieldError name="creators" errors={errors} />
            {pseuds.map((pseud) => (
              <Choice
                type="checkbox"
                name="creatorPseudIds"
                value={String(pseud.id)}
                label={pseud.name}
                checked={values.creatorPseudIds.includes(String(pseud.id))}
              />
            ))}
          </fieldset>
          {coCreators.length > 0 ? (
            <p class="field__hint">
              Co-creators who accepted: {coCreators.map((c) => `${c.name} (${c.login})`).join(', ')}. They can remove
              themselves from the work.
            </p>
          ) : null}
          <TextField
            name="coCreators"
            label="Invite co-creators"
            value={values.coCreators}
            error={errors.coCreators}
            hint="Other members' pen names, comma-separated, as “Pen name (username)” or a username. They are shown as creators once they accept."
          />
          <TextField
            name="summary"
            label="Summary"
            value={values.summary}
            error={errors.summary}
            multiline
            maxLength={LIMITS.summary}
            hint={`Up to ${LIMITS.summary.toLocaleString('en')} characters. Plain text or HTML.`}
          />
          <TextField
            name="notes"
            label="Beginning notes"
            value={values.notes}
            error={errors.notes}
            multiline
            maxLength={LIMITS.notes}
          />
          <TextField
            name="endNotes"
            label="End notes"
            value={values.endNotes}
            error={errors.endNotes}
            multiline
            maxLength={LIMITS.notes}
          />
          <TextField
            name="disclaimer"
            label="Disclaimer"
            value={values.disclaimer}
            error={errors.disclaimer}
            multiline
            maxLength={LIMITS.disclaimer}
            hint="Readers see it collapsed above the work. A pen name can keep a default disclaimer for new works."
          />
          <TextField
            name="gifts"
            label="Gift for"
            value={values.gifts}
            error={errors.gifts}
            hint="Comma-separated. Members as “Pen name (username)” or a username; anyone else by name."
          />
          <TextField
            name="betas"
            label="Beta readers"
            value={values.betas}
            error={errors.betas}
            hint="Comma-separated, credited in the preface. Members as “Pen name (username)” or a username; anyone else by name."
          />
        </fieldset>

        <RelatedWorksFields rows={values.related} errors={errors} />

        <fieldset>
          <legend>Associations and publishing</legend>
          <div class={`field${errors.seriesId ? ' field--error' : ''}`}>
            <label for="field-seriesId">Add to series</label>
            <FieldError name="seriesId" errors={errors} />
            <select id="field-seriesId" name="seriesId">
              <option value="" selected={values.seriesId === ''}>
                No series
              </option>
              {series.map((s) => (
                <option value={String(s.id)} selected={values.seriesId === String(s.id)}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <TextField
            name="newSeriesTitle"
            label="Or start a new series"
            value={values.newSeriesTitle}
            error={errors.newSeriesTitle}
            hint="The work becomes its first part."
            maxLength={LIMITS.title}
          />
          <TextField
            name="collections"
            label="Collections"
            value={values.collections ?? ''}
            error={errors.collections}
            hint="Short names of collections to add the work to, separated by commas (see /collections)."
          />
          {values.assignmentId ? (
            <p class="hint" id="assignment-note">
              <input type="hidden" name="assignment" value={values.assignmentId} />
              This work is posted for your gift exchange assignment: it goes into the exchange's collection as a gift to
              your recipient.
            </p>
          ) : null}
          <div class="field">
            <label for="field-language">Language</label>
            <select id="field-language" name="language">
              {LANGUAGES.map(([code, name]) => (
                <option value={code} selected={values.language === code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <TextField
            name="expectedChapters"
            label="Expected chapters"
            value={values.expectedChapters}
            error={errors.expectedChapters}
            hint="A number, or ? if you do not know yet."
          />
          <div class="field field--checkbox">
            <input type="checkbox" id="field-complete" name="complete" value="1" checked={values.complete} />
            <label for="field-complete">This work is complete</label>
          </div>
          <TextField
            name="publishAt"
            label="Publication date"
            value={values.publishAt}
            error={errors.publishAt}
            hint="Leave empty to publish now. YYYY-MM-DD backdates the work; a future YYYY-MM-DD HH:MM (UTC) schedules it."
          />
          <fieldset class="field">
            <legend>Who can read it</legend>
            {AUDIENCES.map(({ value, label }) => (
              <Choice
                type="radio"
                name="visibility"
                value={value}
                label={label}
                checked={
                  values.visibility === value ||
                  (value === 'public' && !AUDIENCES.some((a) => a.value === values.visibility))
                }
              />
            ))}
          </fieldset>
          <fieldset class="field">
            <legend>Search engines and AI crawlers</legend>
            <Choice
              type="checkbox"
              name="noindex"
              value="1"
              label="Ask search engines and AI crawlers not to index this"
              checked={values.noindex === true}
            />
            <p class="field__hint">
              Its pages and downloads say so (noindex, noai, noimageai) and it is left out of the sitemap. Crawlers that
              follow the rules honour it; the archive cannot stop those that do not.
            </p>
          </fieldset>
          <fieldset class="field">
            <legend>Who can comment</legend>
            {COMMENT_POLICIES.map((p) => (
              <Choice
                type="radio"
                name="commentPolicy"
                value={p}
                label={POLICY_LABELS[p]}
                checked={values.commentPolicy === p}
              />
            ))}
            <Choice
              type="checkbox"
              name="moderated"
              value="1"
              label="Hold comments until I approve them"
              checked={values.moderated}
            />
            <Choice
              type="checkbox"
              name="passageComments"
              value="1"
              label="Let readers comment on a paragraph or sentence"
              checked={values.passageComments !== false}
            />
          </fieldset>
        </fieldset>

        {editing ? null : (
          <fieldset>
            <legend>Work text</legend>
            <TextField
              name="chapterTitle"
              label="Chapter title"
              value={values.chapterTitle}
              error={errors.chapterTitle}
              hint="Optional."
              maxLength={LIMITS.chapterTitle}
            />
            <div class={`field${errors.body ? ' field--error' : ''}`}>
              <label for="field-body">Work text</label>
              <p class="field__hint" id="field-body-hint">
                Plain text or HTML. Blank lines start new paragraphs. Up to {LIMITS.chapterText.toLocaleString('en')}{' '}
                characters per chapter.
              </p>
              <FieldError name="body" errors={errors} />
              <textarea
                id="field-body"
                name="body"
                rows={20}
                class="work-text"
                aria-describedby="field-body-hint"
                aria-invalid={errors.body ? 'true' : undefined}
                data-max-length={String(LIMITS.chapterText)}
              >
                {values.body}
              </textarea>
            </div>
          </fieldset>
        )}
        <FieldError name="action" errors={errors} />
        <PostingButtons postLabel={postLabel} draftLabel={posted ? 'Return to drafts' : 'Save as draft'} />
        <Actions>
          <a href={editing ? workPath(workId) : userPath(ctx.viewer!.login)}>Cancel</a>
        </Actions>
      </form>
    </Layout>
  );
}

/**
 * Preview, Save as draft (Return to drafts for something posted) and Post (or Schedule for …, or
 * Save changes). Preview comes first, so Enter in a text field previews rather than posts.
 */
export function PostingButtons({ postLabel, draftLabel }: { postLabel: string; draftLabel: string }) {
  return (
    <Actions>
      <button type="submit" name="action" value="preview" class="button--secondary">
        Preview
      </button>
      <button type="submit" name="action" value="draft" class="button--secondary">
        {draftLabel}
      </button>
      <button type="submit" name="action" value="post">
        {postLabel}
      </button>
    </Actions>
  );
}

/** Sanitized HTML from the text pipeline, as the work page shows it. */
function UserHtml({ html, class: className }: { html: string; class?: string }) {
  return <div class={`userstuff${className ? ` ${className}` : ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The frame of a preview: what it is, and that nothing is saved yet. */
export function PreviewFrame({ children }: { children: ComponentChildren }) {
  return (
    <section class="posting-preview" aria-labelledby="posting-preview-heading" tabIndex={-1} id="posting-preview">
      <h2 id="posting-preview-heading">Preview</h2>
      <p class="posting-preview__note">
        This is how readers will see it. Nothing is saved yet: the form below keeps everything you typed.
      </p>
      {children}
    </section>
  );
}

function WorkPreviewSection({ preview, language }: { preview: WorkPreview; language: string }) {
  const { fields, chapter } = preview;
  const tags = [
    { kind: 'rating' as const, name: fields.rating },
    ...fields.warnings.map((name) => ({ kind: 'warning' as const, name })),
    ...fields.categories.map((name) => ({ kind: 'category' as const, name })),
    ...fields.tags.fandom.map((name) => ({ kind: 'fandom' as const, name })),
    ...fields.tags.relationship.map((name) => ({ kind: 'relationship' as const, name })),
    ...fields.tags.character.map((name) => ({ kind: 'character' as const, name })),
    ...fields.tags.freeform.map((name) => ({ kind: 'freeform' as const, name })),
  ];
  return (
    <PreviewFrame>
      <dl class="work-meta">
        <TagRows tags={tags} />
      </dl>
      <article class="work" lang={language} dir={RIGHT_TO_LEFT.has(language) ? 'rtl' : undefined}>
        <header class="preface">
          <p class="work-title">{fields.title}</p>
          <p class="byline">by {preview.creators.join(', ')}</p>
          {preview.gifts.length > 0 ? <p class="gift-line">for {preview.gifts.join(', ')}</p> : null}
          {preview.betas.length > 0 ? <p class="beta-line">Beta read by {preview.betas.join(', ')}</p> : null}
          {fields.summary ? (
            <section class="summary">
              <h3>Summary:</h3>
              <UserHtml html={fields.summary} />
            </section>
          ) : null}
          {fields.disclaimer ? (
            <details class="disclaimer">
              <summary>Disclaimer</summary>
              <UserHtml html={fields.disclaimer} />
            </details>
          ) : null}
          {fields.notes ? (
            <section class="notes">
              <h3>Notes:</h3>
              <UserHtml html={fields.notes} />
            </section>
          ) : null}
        </header>
        {chapter ? <ChapterPreviewBody chapter={chapter} /> : null}
        {fields.endNotes ? (
          <section class="notes notes--end">
            <h3>End notes:</h3>
            <UserHtml html={fields.endNotes} />
          </section>
        ) : null}
      </article>
    </PreviewFrame>
  );
}

/** A chapter as the work page shows it: its title, summary, notes, text and end notes. */
export function ChapterPreviewBody({ chapter, heading }: { chapter: ChapterContent; heading?: string }) {
  return (
    <section class="chapter">
      {heading ? <h3 class="chapter-title">{heading}</h3> : null}
      {chapter.summary ? (
        <section class="summary">
          <h4>Chapter summary:</h4>
          <UserHtml html={chapter.summary} />
        </section>
      ) : null}
      {chapter.notes ? (
        <section class="notes">
          <h4>Chapter notes:</h4>
          <UserHtml html={chapter.notes} />
        </section>
      ) : null}
      <UserHtml html={chapter.body} class="chapter-text" />
      {chapter.endNotes ? (
        <section class="notes notes--end">
          <h4>Chapter end notes:</h4>
          <UserHtml html={chapter.endNotes} />
        </section>
      ) : null}
    </section>
  );
}

function RelatedWorksFields({ rows, errors }: { rows: RelatedRow[]; errors: FieldErrors }) {
  const shown = [
    ...rows,
    ...Array.from({ length: BLANK_RELATED_ROWS }, () => ({ relation: 'inspired-by', target: '', title: '' })),
  ];
  return (
    <fieldset id="field-related" class={`field related-works${errors.related ? ' field--error' : ''}`}>
      <legend>Related works</legend>
      <p class="field__hint">
        A work here (its address, like /works/12) or a link to one elsewhere. Leave a row empty to skip it.
      </p>
      <FieldError name="related" errors={errors} />
      {shown.map((row, i) => {
        const error = errors[`related-${i}`];
        return (
          <div class={`related-row${error ? ' field--error' : ''}`} id={`field-related-${i}`}>
            {error ? (
              <p class="field__error" id={`field-related-${i}-error`}>
                {error}
              </p>
            ) : null}
            <div class="field">
              <label for={`field-related-${i}-relation`}>This work is</label>
              <select id={`field-related-${i}-relation`} name="relatedRelation">
                {RELATIONS.map((r) => (
                  <option value={r} selected={row.relation === r}>
                    {RELATION_LABELS[r].forward.replace(/^A /, 'a ').replace(/^(\w)/, (c) => c.toLowerCase())}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`field-related-${i}-target`}>Other work</label>
              <input
                type="text"
                id={`field-related-${i}-target`}
                name="relatedTarget"
                value={row.target}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `field-related-${i}-error` : undefined}
              />
            </div>
            <div class="field">
              <label for={`field-related-${i}-title`}>Its title (for links elsewhere)</label>
              <input
                type="text"
                id={`field-related-${i}-title`}
                name="relatedTitle"
                value={row.title}
                data-max-length="255"
              />
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The rating, archive warnings and categories: the choices every posting form (new work, edit, import) asks for. */
export function RatingWarningsCategories({
  values,
  errors,
  required = false,
}: {
  values: { rating: string; warnings: readonly string[]; categories: readonly string[] };
  errors: FieldErrors;
  required?: boolean;
}) {
  return (
    <>
      <div class={`field${errors.rating ? ' field--error' : ''}`}>
        <label for="field-rating">Rating</label>
        <FieldError name="rating" errors={errors} />
        <select id="field-rating" name="rating" required={required} aria-invalid={errors.rating ? 'true' : undefined}>
          <option value="" selected={values.rating === ''}>
            Choose a rating
          </option>
          {RATINGS.map((rating) => (
            <option value={rating} selected={values.rating === rating}>
              {rating}
            </option>
          ))}
        </select>
      </div>
      <fieldset id="field-warnings" class={`field${errors.warnings ? ' field--error' : ''}`}>
        <legend>Archive warnings</legend>
        <FieldError name="warnings" errors={errors} />
        {WARNINGS.map((warning) => (
          <Choice
            type="checkbox"
            name="warnings"
            value={warning}
            label={warning}
            checked={values.warnings.includes(warning)}
          />
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>Categories</legend>
        <div class="choice-row">
          {CATEGORIES.map((category) => (
            <Choice
              type="checkbox"
              name="categories"
              value={category}
              label={category}
              checked={values.categories.includes(category)}
            />
          ))}
        </div>
      </fieldset>
    </>
  );
}

import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import type { Work } from '../../store/index.ts';
import { LIMITS } from '../../domain/works.ts';
import { chapterFormKey } from '../../domain/autosave.ts';
import { autosaveAttributes, RestoredTextNotice, type AutosaveView } from './autosave.tsx';
import { chapterPath, workActionPath, workPath } from '../../paths.ts';
import type { ChapterContent } from '../../text/work-text.ts';
import { isScheduled } from '../../app/work-form.ts';
import { publicationTime } from '../work-form.ts';
import { ChapterPreviewBody, FieldError, PostingButtons, PreviewFrame } from './work-form.tsx';

export interface ChapterFormValues {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
}

const LABELS = {
  chapterTitle: 'Chapter title',
  chapterSummary: 'Chapter summary',
  chapterNotes: 'Beginning notes',
  chapterEndNotes: 'End notes',
  body: 'Chapter text',
};

export function ChapterFormPage({
  ctx,
  work,
  chapterId,
  position,
  values,
  errors,
  autosave,
  posted = false,
  preview,
}: {
  ctx: PageContext;
  work: Work;
  chapterId?: number;
  position: number;
  values: ChapterFormValues;
  errors: FieldErrors;
  autosave?: AutosaveView;
  /** Editing a chapter readers can see: Save as draft is Return to drafts. */
  posted?: boolean;
  /** What Preview rendered from the values sent; nothing was saved. */
  preview?: ChapterContent;
}) {
  const editing = chapterId !== undefined;
  // A chapter posted in a scheduled work comes out with the work.
  const postLabel = posted
    ? 'Save chapter'
    : work.visibility !== 'draft' && isScheduled(work.publishedAt)
      ? `Schedule for ${publicationTime(work.publishedAt)}`
      : 'Post chapter';
  const title = editing ? `Edit chapter ${position} of ${work.title}` : `Add chapter ${position} to ${work.title}`;
  const formKey = chapterFormKey(work.id, chapterId);
  return (
    <Layout ctx={ctx} title={title} scripts={['/static/autosave.js', CHAR_COUNT_SCRIPT]}>
      <h1>{title}</h1>
      <RestoredTextNotice ctx={ctx} formKey={formKey} autosave={autosave} />
      <ErrorSummary errors={errors} labels={LABELS} />
      {preview ? (
        <PreviewFrame>
          <article class="work" lang={work.language}>
            <ChapterPreviewBody
              chapter={preview}
              heading={preview.title ? `Chapter ${position}: ${preview.title}` : `Chapter ${position}`}
            />
          </article>
        </PreviewFrame>
      ) : null}
      <form
        method="post"
        action={editing ? chapterPath(work.id, chapterId) : workActionPath(work.id, 'chapters')}
        class="work-form"
        novalidate
        {...autosaveAttributes(ctx, formKey, autosave)}
      >
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>Chapter {position}</legend>
          <TextField
            name="chapterTitle"
            label="Chapter title"
            value={values.title}
            error={errors.chapterTitle}
            hint="Optional."
            maxLength={LIMITS.chapterTitle}
          />
          <TextField
            name="chapterSummary"
            label="Chapter summary"
            value={values.summary}
            error={errors.chapterSummary}
            multiline
            maxLength={LIMITS.summary}
          />
          <TextField
            name="chapterNotes"
            label="Beginning notes"
            value={values.notes}
            error={errors.chapterNotes}
            multiline
            maxLength={LIMITS.notes}
          />
          <div class={`field${errors.body ? ' field--error' : ''}`}>
            <label for="field-body">Chapter text</label>
            <p class="field__hint" id="field-body-hint">
              Plain text or HTML. Blank lines start new paragraphs. Up to {LIMITS.chapterText.toLocaleString('en')}{' '}
              characters.
            </p>
            {errors.body ? (
              <p class="field__error" id="field-body-error">
                {errors.body}
              </p>
            ) : null}
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
          <TextField
            name="chapterEndNotes"
            label="End notes"
            value={values.endNotes}
            error={errors.chapterEndNotes}
            multiline
            maxLength={LIMITS.notes}
          />
        </fieldset>
        <FieldError name="action" errors={errors} />
        <PostingButtons postLabel={postLabel} draftLabel={posted ? 'Return to drafts' : 'Save as draft'} />
        <Actions>
          <a href={editing ? chapterPath(work.id, chapterId) : workPath(work.id)}>Cancel</a>
        </Actions>
      </form>
      {editing && work.chapters.length > 1 ? (
        <p class="danger-zone">
          <a href={`${chapterPath(work.id, chapterId)}/delete`}>Delete this chapter…</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function DeleteChapterPage({
  ctx,
  work,
  chapterId,
  position,
}: {
  ctx: PageContext;
  work: Work;
  chapterId: number;
  position: number;
}) {
  return (
    <Layout ctx={ctx} title={`Delete chapter ${position}`}>
      <div class="narrow">
        <h1>
          Delete chapter {position} of “{work.title}”?
        </h1>
        <p>The chapter's text and notes are removed for good; the chapters after it move up.</p>
        <form method="post" action={`${chapterPath(work.id, chapterId)}/delete`}>
          <CsrfField ctx={ctx} />
          <Actions>
            <button type="submit" class="danger">
              Delete chapter {position}
            </button>
            <a href={chapterPath(work.id, chapterId)}>Cancel</a>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}

export function ManageChaptersPage({ ctx, work, errors }: { ctx: PageContext; work: Work; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={`Chapters of ${work.title}`}>
      <h1>
        Reorder the chapters of <a href={workPath(work.id)}>{work.title}</a>
      </h1>
      <ErrorSummary errors={errors} labels={{}} />
      <p>Give each chapter its new number, then save.</p>
      <form method="post" action={workActionPath(work.id, 'chapters/order')} novalidate>
        <CsrfField ctx={ctx} />
        <ol class="chapter-order">
          {work.chapters.map((chapter) => (
            <li class="field">
              <label for={`field-position-${chapter.id}`}>
                New number for chapter {chapter.position}
                {chapter.title ? `: ${chapter.title}` : ''}
                {chapter.draft ? ' (draft)' : ''}
              </label>
              <input
                type="text"
                inputMode="numeric"
                id={`field-position-${chapter.id}`}
                name={`position-${chapter.id}`}
                value={String(chapter.position)}
                size={4}
              />
            </li>
          ))}
        </ol>
        <Actions>
          <button type="submit">Save order</button>
          <a href={workPath(work.id)}>Cancel</a>
        </Actions>
      </form>
    </Layout>
  );
}

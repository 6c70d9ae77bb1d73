import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { Creators } from './blurbs.tsx';
import type { Pseud, WorkBlurb } from '../../store/index.ts';
import type { BookmarkTarget } from '../../domain/bookmarks.ts';
import type { ShownBookmark } from '../../app/bookmarks.ts';
import { BOOKMARK_LIMITS } from '../../domain/bookmarks.ts';
import {
  workPath,
  pseudPath,
  bookmarkFormPath,
  seriesPath,
  userPath,
  bookmarkActionPath,
  bookmarkPath,
} from '../../paths.ts';
import { formatDate } from '../format.ts';

/** "Bookmark" (or "Edit bookmark") on work and series pages, for members. */
export function BookmarkButton({
  ctx,
  target,
  bookmarkId,
}: {
  ctx: PageContext;
  target: BookmarkTarget;
  bookmarkId: number | null | undefined;
}) {
  if (!ctx.viewer || bookmarkId === undefined) return null;
  return bookmarkId === null ? (
    <a class="button button--secondary bookmark-button" href={bookmarkFormPath(target)}>
      Bookmark<span class="visually-hidden"> this {target.kind}</span>
    </a>
  ) : (
    <a class="button button--secondary bookmark-button" href={bookmarkActionPath(bookmarkId, 'edit')}>
      Edit bookmark
    </a>
  );
}

export interface BookmarkFormValues {
  notes: string;
  tags: string;
  private: boolean;
  rec: boolean;
  pseudId: string;
}

const LABELS = { notes: 'Notes', tags: 'Your tags', pseudId: 'Bookmark as' };

export function BookmarkFormPage(props: {
  ctx: PageContext;
  target: BookmarkTarget;
  title: string;
  pseuds: Pseud[];
  values: BookmarkFormValues;
  errors: FieldErrors;
  bookmarkId?: number;
}) {
  const { ctx, target, title, pseuds, values, errors, bookmarkId } = props;
  const heading = bookmarkId ? `Edit your bookmark of ${title}` : `Bookmark ${title}`;
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action={bookmarkId ? bookmarkPath(bookmarkId) : '/bookmarks'} class="bookmark-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="kind" value={target.kind} />
        <input type="hidden" name="id" value={String(target.id)} />
        {pseuds.length > 1 ? (
          <div class={`field${errors.pseudId ? ' field--error' : ''}`}>
            <label for="field-pseudId">Bookmark as</label>
            {errors.pseudId ? (
              <p class="field__error" id="field-pseudId-error">
                {errors.pseudId}
              </p>
            ) : null}
            <select
              id="field-pseudId"
              name="pseudId"
              aria-describedby={errors.pseudId ? 'field-pseudId-error' : undefined}
            >
              {pseuds.map((p) => (
                <option value={String(p.id)} selected={String(p.id) === values.pseudId}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="pseudId" value={values.pseudId} />
        )}
        <TextField
          name="notes"
          label="Notes"
          multiline
          value={values.notes}
          error={errors.notes}
          maxLength={BOOKMARK_LIMITS.notes}
          hint={`Plain text or HTML, up to ${BOOKMARK_LIMITS.notes.toLocaleString('en')} characters.`}
        />
        <TextField
          name="tags"
          label="Your tags"
          value={values.tags}
          error={errors.tags}
          hint={`Separate tags with commas; up to ${BOOKMARK_LIMITS.tags}.`}
        />
        <Checkbox name="rec" label="Recommend it (rec)" checked={values.rec} />
        <Checkbox name="private" label="Private bookmark (only you can see it)" checked={values.private} />
        <Actions>
          <button type="submit">{bookmarkId ? 'Save bookmark' : 'Create bookmark'}</button>
        </Actions>
      </form>
      {bookmarkId ? (
        <form method="post" action={bookmarkActionPath(bookmarkId, 'delete')} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button--secondary">
            Delete bookmark
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

function BookmarkItem({ ctx, shown, showThing }: { ctx: PageContext; shown: ShownBookmark; showThing: boolean }) {
  const { bookmark, thing } = shown;
  const own = ctx.viewer?.id === bookmark.userId;
  return (
    <li class="bookmark">
      {showThing ? (
        <h2 class="bookmark__title">
          {thing.kind === 'work' ? (
            <>
              <a href={workPath(thing.work.id)}>{thing.work.title}</a> by <Creators work={thing.work} />
            </>
          ) : (
            <>
              Series: <a href={seriesPath(thing.id)}>{thing.title}</a>
            </>
          )}
        </h2>
      ) : null}
      <p class="bookmark__by">
        Bookmarked by{' '}
        {bookmark.pseudName ? (
          <a href={pseudPath(bookmark.login, bookmark.pseudName)}>{bookmark.pseudName}</a>
        ) : (
          <a href={userPath(bookmark.login)}>{bookmark.login}</a>
        )}{' '}
        on {formatDate(bookmark.updatedAt)}
        {bookmark.rec ? <strong class="bookmark__rec"> · Recommended</strong> : null}
        {bookmark.private ? <strong class="bookmark__private"> · Private</strong> : null}
      </p>
      {bookmark.tags.length > 0 ? (
        <ul class="tag-list bookmark__tags" aria-label="Bookmarker's tags">
          {bookmark.tags.map((t) => (
            <li class="tag">{t}</li>
          ))}
        </ul>
      ) : null}
      {bookmark.notes ? (
        <div class="bookmark__notes userstuff" dangerouslySetInnerHTML={{ __html: bookmark.notes }} />
      ) : null}
      {own ? (
        <p class="bookmark__actions">
          <a href={bookmarkActionPath(bookmark.id, 'edit')}>
            Edit<span class="visually-hidden"> bookmark</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

export function UserBookmarksPage({
  ctx,
  login,
  bookmarks,
}: {
  ctx: PageContext;
  login: string;
  bookmarks: ShownBookmark[];
}) {
  const own = ctx.viewer?.login === login;
  return (
    <Layout ctx={ctx} title={`${login}'s bookmarks`}>
      <h1>{own ? 'Your bookmarks' : `Bookmarks by ${login}`}</h1>
      <p>
        {bookmarks.length} {bookmarks.length === 1 ? 'bookmark' : 'bookmarks'}
        {own ? ' (private ones are shown only to you)' : ''}
      </p>
      {bookmarks.length === 0 ? <p>No bookmarks yet.</p> : null}
      <ol class="bookmark-list">
        {bookmarks.map((shown) => (
          <BookmarkItem ctx={ctx} shown={shown} showThing />
        ))}
      </ol>
    </Layout>
  );
}

export function WorkBookmarksPage({
  ctx,
  work,
  bookmarks,
}: {
  ctx: PageContext;
  work: WorkBlurb;
  bookmarks: ShownBookmark[];
}) {
  return (
    <Layout ctx={ctx} title={`Bookmarks of ${work.title}`}>
      <h1>
        Bookmarks of <a href={workPath(work.id)}>{work.title}</a>
      </h1>
      {bookmarks.length === 0 ? <p>No public bookmarks yet.</p> : null}
      <ol class="bookmark-list">
        {bookmarks.map((shown) => (
          <BookmarkItem ctx={ctx} shown={shown} showThing={false} />
        ))}
      </ol>
    </Layout>
  );
}

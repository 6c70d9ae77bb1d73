import { ReportLink } from './reports.tsx';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { Creators } from './blurbs.tsx';
import { readingStateText } from '../../domain/reading-progress.ts';
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
  userActionPath,
  bookmarkActionPath,
  bookmarkPath,
} from '../../paths.ts';
import { formatDate } from '../format.ts';
import { Pagination } from './tags.tsx';
import { bookmarkFilterQuery, isFiltered, type BookmarkFilter } from '../../domain/bookmark-filters.ts';

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
    <Layout ctx={ctx} title={heading} scripts={[CHAR_COUNT_SCRIPT]}>
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

export function BookmarkItem({
  ctx,
  shown,
  showThing,
}: {
  ctx: PageContext;
  shown: ShownBookmark;
  showThing: boolean;
}) {
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
      {showThing && thing.kind === 'work' && thing.work.reading ? (
        <p class={`blurb__reading blurb__reading--${thing.work.reading.state}`}>
          {readingStateText(thing.work.reading)}
        </p>
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
        <div class="bookmark__notes userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: bookmark.notes }} />
      ) : null}
      {own ? (
        <p class="bookmark__actions">
          <a href={bookmarkActionPath(bookmark.id, 'edit')}>
            Edit<span class="visually-hidden"> bookmark</span>
          </a>
        </p>
      ) : (
        <p class="bookmark__actions">
          <ReportLink kind="bookmark" id={bookmark.id} label={`bookmark by ${bookmark.login}`} />
        </p>
      )}
    </li>
  );
}

export function UserBookmarksPage({
  ctx,
  login,
  bookmarks,
  total,
  unfiltered,
  page,
  pageSize,
  filter,
}: {
  ctx: PageContext;
  login: string;
  /** This page's bookmarks. */
  bookmarks: ShownBookmark[];
  /** Every bookmark this viewer may see that the filter lets through, on all pages. */
  total: number;
  /** Every bookmark this viewer may see. */
  unfiltered: number;
  page: number;
  pageSize: number;
  filter: BookmarkFilter;
}) {
  const own = ctx.viewer?.login === login;
  const first = (page - 1) * pageSize + 1;
  const filtered = isFiltered(filter);
  const query = bookmarkFilterQuery(filter);
  const base = userActionPath(login, 'bookmarks');
  return (
    <Layout ctx={ctx} title={`${login}'s bookmarks`}>
      <h1>{own ? 'Your bookmarks' : `Bookmarks by ${login}`}</h1>
      <p>
        {total > pageSize && bookmarks.length > 0
          ? `${first.toLocaleString('en')}–${(first + bookmarks.length - 1).toLocaleString('en')} of `
          : ''}
        {total.toLocaleString('en')} {total === 1 ? 'bookmark' : 'bookmarks'}
        {filtered ? ` matching the filter (of ${unfiltered.toLocaleString('en')})` : ''}
        {own ? ' (private ones are shown only to you)' : ''}
      </p>
      {unfiltered > 0 ? <BookmarkFilterForm action={base} filter={filter} /> : null}
      {unfiltered === 0 ? <p>No bookmarks yet.</p> : null}
      {unfiltered > 0 && total === 0 ? (
        <p>
          No bookmarks match the filter. <a href={base}>Show all bookmarks</a>
        </p>
      ) : null}
      {total > 0 && bookmarks.length === 0 ? <p>This page is past the end of the bookmarks.</p> : null}
      <ol class="bookmark-list" start={first}>
        {bookmarks.map((shown) => (
          <BookmarkItem ctx={ctx} shown={shown} showThing />
        ))}
      </ol>
      <Pagination base={query ? `${base}?${query}` : base} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

/** Narrowing a member's bookmarks: a GET form, open while a filter is in use (no script needed). */
function BookmarkFilterForm({ action, filter }: { action: string; filter: BookmarkFilter }) {
  return (
    <details class="bookmark-filters" open={isFiltered(filter)}>
      <summary>Filter bookmarks</summary>
      <form method="get" action={action} role="search" aria-label="Filter bookmarks">
        <div class="field">
          <label for="bookmark-filter-q">Words</label>
          <p class="field__hint" id="bookmark-filter-q-hint">
            In titles, notes, tags and creators.
          </p>
          <input
            id="bookmark-filter-q"
            type="search"
            name="q"
            value={filter.q}
            aria-describedby="bookmark-filter-q-hint"
          />
        </div>
        <div class="field">
          <label for="bookmark-filter-tag">Tag</label>
          <p class="field__hint" id="bookmark-filter-tag-hint">
            One of the work’s tags or of the bookmarker’s own tags.
          </p>
          <input
            id="bookmark-filter-tag"
            type="text"
            name="tag"
            value={filter.tag}
            aria-describedby="bookmark-filter-tag-hint"
          />
        </div>
        <div class="field">
          <label for="bookmark-filter-kind">Bookmarks of</label>
          <select id="bookmark-filter-kind" name="kind">
            <option value="" selected={filter.kind === ''}>
              Works and series
            </option>
            <option value="work" selected={filter.kind === 'work'}>
              Works
            </option>
            <option value="series" selected={filter.kind === 'series'}>
              Series
            </option>
          </select>
        </div>
        <div class="field field--checkbox">
          <input type="checkbox" id="bookmark-filter-recs" name="recs" value="1" checked={filter.recs} />
          <label for="bookmark-filter-recs">Recommendations only</label>
        </div>
        <div class="field field--checkbox">
          <input type="checkbox" id="bookmark-filter-notes" name="notes" value="1" checked={filter.notes} />
          <label for="bookmark-filter-notes">With notes only</label>
        </div>
        <button type="submit">Filter</button> <a href={action}>Clear</a>
      </form>
    </details>
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

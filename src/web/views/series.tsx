import { ReportLink } from './reports.tsx';
import { SubscribeButton } from './subscriptions.tsx';
import { BookmarkButton } from './bookmarks.tsx';
import { DownloadMenu } from './downloads.tsx';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { FeedLink, feedPaths } from './feeds.tsx';
import { guestMayRead } from '../../domain/feeds.ts';
import { accessOf } from '../../app/access.ts';
import { Actions, CHAR_COUNT_SCRIPT, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { LIMITS as WORK_LIMITS, shownCreators } from '../../domain/works.ts';
import type { Series, SeriesPlace, WorkBlurb } from '../../store/index.ts';
import { Creators, WorkList } from './blurbs.tsx';
import { formatDate } from '../format.ts';
import { Pagination } from './tags.tsx';
import { seriesPath, workPath } from '../../paths.ts';

/** "Part 2 of The Harbour Cycle", with the neighbouring works this reader may open. */
export function SeriesNav({ place, previous, next }: { place: SeriesPlace; previous?: number; next?: number }) {
  return (
    <nav class="series-nav" aria-label={`Series: ${place.title}`}>
      {previous ? (
        <a href={workPath(previous)} rel="prev">
          ← Previous work
        </a>
      ) : (
        <span />
      )}
      <span>
        Part {place.position} of <a href={seriesPath(place.seriesId)}>{place.title}</a>
      </span>
      {next ? (
        <a href={workPath(next)} rel="next">
          Next work →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function SeriesPage({
  ctx,
  series,
  works,
  pageWorks,
  page,
  pageSize,
  canEdit,
  subscribed,
  bookmarkId,
}: {
  ctx: PageContext;
  series: Series;
  /** Every work of the series the reader may read (the stats count them). */
  works: WorkBlurb[];
  /** The page of them listed. */
  pageWorks: WorkBlurb[];
  page: number;
  pageSize: number;
  canEdit: boolean;
  subscribed?: boolean;
  bookmarkId?: number | null;
}) {
  const creators = works
    .flatMap((w) => shownCreators(w))
    .filter((c, i, all) => all.findIndex((o) => o.pseudId === c.pseudId) === i);
  const words = works.reduce((n, w) => n + w.wordCount, 0);
  // Feeds are read as a guest: offered only when a guest would find something in it.
  const feed = works.some((w) => guestMayRead(accessOf(w)))
    ? { title: `Series: ${series.title}`, href: feedPaths.series(series.id) }
    : undefined;
  return (
    <Layout ctx={ctx} title={series.title} feeds={feed ? [feed] : []}>
      <h1>{series.title}</h1>
      <div class="reader-actions">
        <SubscribeButton ctx={ctx} kind="series" targetId={series.id} subscribed={subscribed} />
        <BookmarkButton ctx={ctx} target={{ kind: 'series', id: series.id }} bookmarkId={bookmarkId} />
        {works.length > 0 ? <DownloadMenu kind="series" target={series} /> : null}
        {!canEdit ? <ReportLink kind="series" id={series.id} label={`the series ${series.title}`} /> : null}
      </div>
      {canEdit ? (
        <div class="owner-actions">
          <a class="button button--secondary" href={`${seriesPath(series.id)}/edit`}>
            Edit series
          </a>
        </div>
      ) : null}
      <dl class="work-meta">
        <div>
          <dt>Creators:</dt>
          <dd>{creators.length > 0 ? <Creators work={{ creators }} /> : '—'}</dd>
        </div>
        <div>
          <dt>Series begun:</dt>
          <dd>{formatDate(series.createdAt)}</dd>
        </div>
        <div>
          <dt>Series updated:</dt>
          <dd>{formatDate(series.updatedAt)}</dd>
        </div>
        {series.summary ? (
          <div>
            <dt>Description:</dt>
            <dd class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: series.summary }} />
          </div>
        ) : null}
        {series.notes ? (
          <div>
            <dt>Notes:</dt>
            <dd class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: series.notes }} />
          </div>
        ) : null}
        <div>
          <dt>Stats:</dt>
          <dd>
            Words: {words.toLocaleString('en')} · Works: {works.length} · Complete: {series.complete ? 'Yes' : 'No'}
          </dd>
        </div>
      </dl>
      <h2>Works in this series</h2>
      <FeedLink feed={feed} />
      {page > 1 && pageWorks.length === 0 ? (
        <p>This page is past the end of the series.</p>
      ) : (
        <WorkList works={pageWorks} empty="No works you can see are in this series yet." />
      )}
      <Pagination base={seriesPath(series.id)} page={page} pageSize={pageSize} total={works.length} />
    </Layout>
  );
}

export interface SeriesFormValues {
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
}

export function SeriesFormPage({
  ctx,
  series,
  works,
  values,
  errors,
}: {
  ctx: PageContext;
  series: Series;
  works: WorkBlurb[];
  values: SeriesFormValues;
  errors: FieldErrors;
}) {
  return (
    <Layout ctx={ctx} title={`Edit ${series.title}`} scripts={[CHAR_COUNT_SCRIPT]}>
      <h1>
        Edit <a href={seriesPath(series.id)}>{series.title}</a>
      </h1>
      <ErrorSummary errors={errors} labels={{ title: 'Series title', summary: 'Description', notes: 'Notes' }} />
      <form method="post" action={seriesPath(series.id)} class="work-form" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>Series</legend>
          <TextField
            name="title"
            label="Series title"
            value={values.title}
            error={errors.title}
            required
            maxLength={WORK_LIMITS.title}
          />
          <TextField
            name="summary"
            label="Description"
            value={values.summary}
            error={errors.summary}
            multiline
            maxLength={WORK_LIMITS.summary}
          />
          <TextField
            name="notes"
            label="Notes"
            value={values.notes}
            error={errors.notes}
            multiline
            maxLength={WORK_LIMITS.notes}
          />
          <Checkbox name="complete" label="This series is complete" checked={values.complete} />
        </fieldset>
        <fieldset>
          <legend>Order of the works</legend>
          {errors.order ? <p class="field__error">{errors.order}</p> : null}
          <ol class="chapter-order">
            {series.workIds.map((id, i) => {
              const work = works.find((w) => w.id === id);
              return (
                <li class="field">
                  <label for={`field-position-${id}`}>Part number for {work ? `“${work.title}”` : `work ${id}`}</label>
                  <input
                    type="text"
                    inputMode="numeric"
                    id={`field-position-${id}`}
                    name={`position-${id}`}
                    value={String(i + 1)}
                    size={4}
                  />
                  <Checkbox name={`remove-${id}`} label="Remove from this series" />
                </li>
              );
            })}
          </ol>
        </fieldset>
        <Actions>
          <button type="submit">Save series</button>
          <a href={seriesPath(series.id)}>Cancel</a>
        </Actions>
      </form>
    </Layout>
  );
}

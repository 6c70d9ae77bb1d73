import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { WorkBlurbItem } from './blurbs.tsx';
import { Pagination } from './tags.tsx';
import { READINGS_PAGE_SIZE, type HistoryEntry } from '../../app/readings.ts';
import { formatDate } from '../format.ts';
import { readingsPath, workActionPath, chapterPath } from '../../paths.ts';

/** "Mark for later" / "Mark as read" on a work page, for members who keep a history. */
export function MarkForLaterButton({
  ctx,
  workId,
  markedForLater,
}: {
  ctx: PageContext;
  workId: number;
  markedForLater: boolean | undefined;
}) {
  if (!ctx.viewer || markedForLater === undefined) return null;
  return (
    <form
      method="post"
      action={workActionPath(workId, markedForLater ? 'mark-as-read' : 'mark-for-later')}
      class="inline-form mark-for-later-form"
    >
      <CsrfField ctx={ctx} />
      <input type="hidden" name="return_to" value={ctx.path} />
      <button type="submit" class="button--secondary">
        {markedForLater ? 'Mark as read' : 'Mark for later'}
      </button>
    </form>
  );
}

export function HistoryPage(props: {
  ctx: PageContext;
  login: string;
  entries: HistoryEntry[];
  total: number;
  page: number;
  forLater: boolean;
  keepsHistory: boolean;
}) {
  const { ctx, login, entries, total, page, forLater, keepsHistory } = props;
  const base = readingsPath(login);
  const title = forLater ? 'Marked for later' : 'History';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>Only you can see your history. Works you can no longer read are left out.</p>
      <nav class="history-filter" aria-label="Show">
        <ul>
          <li>{forLater ? <a href={base}>Full history</a> : <span aria-current="page">Full history</span>}</li>
          <li>
            {forLater ? (
              <span aria-current="page">Marked for later</span>
            ) : (
              <a href={`${base}?show=later`}>Marked for later</a>
            )}
          </li>
        </ul>
      </nav>
      {keepsHistory ? null : (
        <p class="notice" role="note">
          Your history is turned off: the works you open are not recorded. What was recorded before stays here until you
          clear it.
        </p>
      )}
      <h2 id="history-works">
        {forLater
          ? `${total === 1 ? '1 work' : `${total} works`} marked for later`
          : `${total === 1 ? '1 work' : `${total} works`} in your history`}
      </h2>
      {entries.length === 0 ? (
        <p>
          {forLater
            ? 'Nothing is marked for later. Use “Mark for later” on a work to keep it here.'
            : 'Your history is empty.'}
        </p>
      ) : (
        <ol class="work-list history-list" aria-labelledby="history-works">
          {entries.map(({ reading, work }) => (
            <WorkBlurbItem work={work}>
              <div class="history-entry">
                <p class="history-entry__when">
                  {reading.lastReadAt ? (
                    <>
                      Last visited: <time dateTime={reading.lastReadAt}>{formatDate(reading.lastReadAt)}</time>
                      {reading.chapterId !== null && reading.chapterPosition !== null ? (
                        <>
                          {' '}
                          (<a href={chapterPath(work.id, reading.chapterId)}>chapter {reading.chapterPosition}</a>)
                        </>
                      ) : null}
                      {' · '}
                      {reading.visits === 1 ? 'Visited once' : `Visited ${reading.visits} times`}
                    </>
                  ) : (
                    'Not visited yet'
                  )}
                  {reading.markedForLater ? (
                    <>
                      {' · '}
                      <strong>Marked for later</strong>
                    </>
                  ) : null}
                </p>
                <form
                  method="post"
                  action={workActionPath(work.id, reading.markedForLater ? 'mark-as-read' : 'mark-for-later')}
                  class="inline-form"
                >
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="return_to" value={ctx.path} />
                  <button type="submit" class="link-button">
                    {reading.markedForLater ? 'Mark as read' : 'Mark for later'}
                    <span class="visually-hidden">: {work.title}</span>
                  </button>
                </form>{' '}
                <form method="post" action={`${base}/${work.id}/delete`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="return_to" value={ctx.path} />
                  <button type="submit" class="link-button">
                    Delete from history<span class="visually-hidden">: {work.title}</span>
                  </button>
                </form>
              </div>
            </WorkBlurbItem>
          ))}
        </ol>
      )}
      <Pagination
        base={forLater ? `${base}?show=later` : base}
        page={page}
        pageSize={READINGS_PAGE_SIZE}
        total={total}
      />
      <section class="history-settings" aria-labelledby="history-settings">
        <h2 id="history-settings">History settings</h2>
        <form method="post" action={`${base}/settings`}>
          <CsrfField ctx={ctx} />
          <div class="field field--checkbox">
            <input type="checkbox" id="field-keepHistory" name="keepHistory" value="1" checked={keepsHistory} />
            <label for="field-keepHistory">Keep a history of the works I read</label>
          </div>
          <div class="actions">
            <button type="submit" class="button--secondary">
              Save
            </button>
          </div>
        </form>
        <form method="post" action={`${base}/clear`}>
          <CsrfField ctx={ctx} />
          <p>Clearing deletes every entry, the works marked for later too. It cannot be undone.</p>
          <div class="actions">
            <button type="submit" class="danger">
              Clear history
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

import { Layout, type PageContext } from './layout.tsx';
import { BarChart } from './svg-chart.tsx';
import type { WriterStats } from '../../app/writer-stats.ts';
import {
  defaultDirection,
  periodLabel,
  periodShortLabel,
  STAT_FIELDS,
  STAT_LABELS,
  STAT_PERIODS,
  type StatField,
  type StatPeriod,
  type StatSort,
} from '../../domain/work-stats.ts';
import { formatDate } from '../format.ts';
import { userPath, workPath, writerStatsCsvPath, writerStatsPath } from '../../paths.ts';

const PERIOD_NOUN: Record<StatPeriod, string> = { day: 'Day', week: 'Week', month: 'Month', year: 'Year' };
const PERIOD_PLURAL: Record<StatPeriod, string> = { day: 'days', week: 'weeks', month: 'months', year: 'years' };

function count(n: number): string {
  return n.toLocaleString('en');
}

/** A column heading that sorts the table by it: the other direction when it is already the sort. */
function SortHeading({ stats, sort, label }: { stats: WriterStats; sort: StatSort; label: string }) {
  const current = stats.sort === sort;
  const direction = current ? (stats.direction === 'asc' ? 'desc' : 'asc') : defaultDirection(sort);
  const href = writerStatsPath(stats.login, {
    sort,
    direction,
    period: stats.period === 'day' ? undefined : stats.period,
    work: stats.chosenWork ? String(stats.chosenWork.workId) : undefined,
  });
  const numeric = sort !== 'title' && sort !== 'published';
  return (
    <th
      scope="col"
      class={numeric ? 'stats-number' : undefined}
      aria-sort={current ? (stats.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a href={href}>
        {label}
        {current ? <span aria-hidden="true">{stats.direction === 'asc' ? ' ▲' : ' ▼'}</span> : null}
        <span class="visually-hidden">
          {current
            ? `, sorted ${stats.direction === 'asc' ? 'ascending' : 'descending'}; sort ${direction === 'asc' ? 'ascending' : 'descending'}`
            : `; sort by ${label.toLowerCase()}`}
        </span>
      </a>
    </th>
  );
}

function WorksTable({ stats }: { stats: WriterStats }) {
  const words = stats.works.reduce((n, w) => n + w.wordCount, 0);
  return (
    <div class="stats-table-wrap" role="region" aria-labelledby="stats-works-heading" tabindex={0}>
      <table class="stats-table">
        <caption class="visually-hidden">
          Your works and their figures, sorted by {stats.sort} ({stats.direction === 'asc' ? 'ascending' : 'descending'}
          ). Column headings sort the table.
        </caption>
        <thead>
          <tr>
            <SortHeading stats={stats} sort="title" label="Work" />
            <SortHeading stats={stats} sort="published" label="Posted" />
            <SortHeading stats={stats} sort="words" label="Words" />
            {STAT_FIELDS.map((field) => (
              <SortHeading stats={stats} sort={field} label={STAT_LABELS[field]} />
            ))}
          </tr>
        </thead>
        <tbody>
          {stats.works.map((work) => (
            <tr>
              <th scope="row">
                <a href={workPath(work.workId)}>
                  <bdi>{work.title}</bdi>
                </a>
              </th>
              <td>{formatDate(work.publishedAt)}</td>
              <td class="stats-number">{count(work.wordCount)}</td>
              {STAT_FIELDS.map((field) => (
                <td class="stats-number">{count(work[field])}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total ({stats.works.length === 1 ? '1 work' : `${stats.works.length} works`})</th>
            <td></td>
            <td class="stats-number">{count(words)}</td>
            {STAT_FIELDS.map((field) => (
              <td class="stats-number">{count(stats.totals[field])}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The over-time choices: a GET form, so it works without JavaScript. */
function Chooser({ stats }: { stats: WriterStats }) {
  return (
    <form method="get" action={writerStatsPath(stats.login)} class="stats-chooser">
      <input type="hidden" name="sort" value={stats.sort} />
      <input type="hidden" name="direction" value={stats.direction} />
      <p>
        <label for="stats-work">Work</label>
        <select id="stats-work" name="work">
          <option value="" selected={stats.chosenWork === null}>
            All works
          </option>
          {[...stats.works]
            .sort((a, b) => a.title.localeCompare(b.title, 'en'))
            .map((work) => (
              <option value={String(work.workId)} selected={stats.chosenWork?.workId === work.workId}>
                {work.title}
              </option>
            ))}
        </select>
      </p>
      <fieldset>
        <legend>Group by</legend>
        {STAT_PERIODS.map((period) => (
          <label class="stats-period">
            <input type="radio" name="period" value={period} checked={stats.period === period} />{' '}
            {PERIOD_NOUN[period].toLowerCase()}
          </label>
        ))}
      </fieldset>
      <p>
        <button type="submit">Show</button>
      </p>
    </form>
  );
}

function OverTime({ stats, field, scope }: { stats: WriterStats; field: StatField; scope: string }) {
  const id = `chart-${field}`;
  const points = stats.overTime.map((p) => ({
    label: periodLabel(p.start, stats.period),
    shortLabel: periodShortLabel(p.start, stats.period),
    value: p.figures[field],
  }));
  const total = points.reduce((n, p) => n + p.value, 0);
  const busiest = points.reduce<(typeof points)[number] | undefined>(
    (best, p) => (best === undefined || p.value > best.value ? p : best),
    undefined,
  );
  const label = STAT_LABELS[field];
  const first = points[0]?.label ?? '';
  const last = points.at(-1)?.label ?? '';
  const description = points.every((p) => p.value === 0)
    ? `No ${label.toLowerCase()} from ${first} to ${last}.`
    : `${count(total)} ${label.toLowerCase()} from ${first} to ${last}` +
      (busiest && busiest.value > 0 ? `; the most, ${count(busiest.value)}, in ${busiest.label}.` : '.');
  if (points.every((p) => p.value === 0)) {
    // Nothing to draw: one sentence says so, rather than an empty chart and a column of zeros.
    return (
      <section class="stats-chart" aria-labelledby={`${id}-heading`}>
        <h3 id={`${id}-heading`}>{label}</h3>
        <p>{description}</p>
      </section>
    );
  }
  return (
    <section class="stats-chart" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{label}</h3>
      <div class="stats-chart__body">
        <BarChart
          id={id}
          title={`${label} by ${PERIOD_NOUN[stats.period].toLowerCase()}, ${scope}`}
          description={description}
          points={points}
          xLabel={PERIOD_NOUN[stats.period]}
          yLabel={label}
        />
        <div class="stats-chart__table" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
          <table class="stats-table stats-table--compact">
            <caption id={`${id}-caption`}>
              {label} by {PERIOD_NOUN[stats.period].toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col">{PERIOD_NOUN[stats.period]}</th>
                <th scope="col" class="stats-number">
                  {label}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => (
                <tr>
                  <th scope="row">{p.label}</th>
                  <td class="stats-number">{count(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function Reach({ stats }: { stats: WriterStats }) {
  const work = stats.chosenWork;
  if (!work) {
    return (
      <p>
        Choose a work of more than one chapter above to see how many of its readers went on from chapter 1 to each later
        chapter.
      </p>
    );
  }
  if (!stats.reach)
    return (
      <p>
        “<bdi>{work.title}</bdi>” has one chapter.
      </p>
    );
  const reach = stats.reach;
  const first = reach[0]?.readers ?? 0;
  // The first chapter shown is chapter 1 unless that one is a draft or hidden.
  const opening = reach[0]?.position ?? 1;
  const last = reach.at(-1)!;
  return (
    <>
      <p>
        Counted from members who were signed in and keep a reading history when they read: the furthest chapter each
        opened. Guests, members with their history turned off and your co-creators are not counted, and no reader is
        ever named. Readers from before {formatDate(`${stats.since}T00:00:00.000Z`)} count up to the last chapter they
        had open then.
      </p>
      {first === 0 ? (
        <p>No counted reader has opened this work yet.</p>
      ) : (
        <div class="stats-chart__body">
          <BarChart
            id="chart-reach"
            title={`Readers reaching each chapter of ${work.title}`}
            description={`${count(first)} readers opened chapter ${opening}; ${count(last.readers)} (${last.percent ?? 0}%) reached chapter ${last.position}, the last.`}
            points={reach.map((r) => ({
              label: `Chapter ${r.position}`,
              shortLabel: String(r.position),
              value: r.readers,
            }))}
            xLabel="Chapter"
            yLabel="Readers"
          />
          <div class="stats-chart__table" role="region" aria-labelledby="chart-reach-caption" tabindex={0}>
            <table class="stats-table stats-table--compact">
              <caption id="chart-reach-caption">Readers reaching each chapter</caption>
              <thead>
                <tr>
                  <th scope="col">Chapter</th>
                  <th scope="col" class="stats-number">
                    Readers
                  </th>
                  <th scope="col" class="stats-number">
                    Of chapter {opening}
                  </th>
                </tr>
              </thead>
              <tbody>
                {reach.map((r) => (
                  <tr>
                    <th scope="row">Chapter {r.position}</th>
                    <td class="stats-number">{count(r.readers)}</td>
                    <td class="stats-number">{r.percent === null ? '–' : `${r.percent}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}

/** A work's title in a heading, quoted and isolated (it may be written right to left). */
function ScopedTitle({ title }: { title: string }) {
  return (
    <>
      “<bdi>{title}</bdi>”
    </>
  );
}

export function WriterStatsPage({ ctx, stats }: { ctx: PageContext; stats: WriterStats }) {
  const own = ctx.viewer?.login === stats.login;
  const scope = stats.chosenWork ? `“${stats.chosenWork.title}”` : 'all works';
  const sinceDate = formatDate(`${stats.since}T00:00:00.000Z`);
  return (
    <Layout ctx={ctx} title={own ? 'Your statistics' : `Statistics of ${stats.login}`}>
      <h1>{own ? 'Your statistics' : `Statistics of ${stats.login}`}</h1>
      <p>
        {own
          ? 'Only you and the archive’s admins can see this page.'
          : 'Only the writer and the archive’s admins can see this page.'}{' '}
        <a href={userPath(stats.login)}>Back to {own ? 'your user page' : `${stats.login}’s user page`}</a>
      </p>
      <section aria-labelledby="stats-works-heading">
        <h2 id="stats-works-heading">Works</h2>
        {stats.works.length === 0 ? (
          <p>There are no posted works yet. Drafts have no statistics until they are posted.</p>
        ) : (
          <>
            <p>
              Totals since each work was posted. Comments count the published ones; bookmarks the public ones;
              subscriptions the members following the work.{' '}
              <a href={writerStatsCsvPath(stats.login, { sort: stats.sort, direction: stats.direction })} download>
                Download this table (CSV)
              </a>
            </p>
            <WorksTable stats={stats} />
          </>
        )}
      </section>
      {stats.works.length === 0 ? null : (
        <>
          <section aria-labelledby="stats-time-heading">
            <h2 id="stats-time-heading">
              Over time: {stats.chosenWork ? <ScopedTitle title={stats.chosenWork.title} /> : 'all works'}
            </h2>
            <Chooser stats={stats} />
            <p class="meta">
              The archive has kept figures day by day since {sinceDate}; earlier activity is in the totals only. Each
              figure is what changed that {PERIOD_NOUN[stats.period].toLowerCase()} (a deleted comment or bookmark
              counts as −1). Showing {stats.overTime.length} {PERIOD_PLURAL[stats.period]}, in UTC.
            </p>
            <div class="stats-charts">
              {STAT_FIELDS.map((field) => (
                <OverTime stats={stats} field={field} scope={scope} />
              ))}
            </div>
          </section>
          <section aria-labelledby="stats-reach-heading">
            <h2 id="stats-reach-heading">
              How far readers got{stats.chosenWork ? ': ' : ''}
              {stats.chosenWork ? <ScopedTitle title={stats.chosenWork.title} /> : null}
            </h2>
            <Reach stats={stats} />
          </section>
        </>
      )}
    </Layout>
  );
}

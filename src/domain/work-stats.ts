/**
 * Statistics for writers: the figures of their works, how they are sorted, grouped over time and
 * written as CSV, and how far readers got through a work. Pure: no I/O.
 */

/** The figures kept for each work, in the order the table shows them. */
export const STAT_FIELDS = ['hits', 'kudos', 'comments', 'bookmarks', 'subscriptions'] as const;
export type StatField = (typeof STAT_FIELDS)[number];

export const STAT_LABELS: Record<StatField, string> = {
  hits: 'Hits',
  kudos: 'Kudos',
  comments: 'Comments',
  bookmarks: 'Bookmarks',
  subscriptions: 'Subscriptions',
};

export type StatFigures = Record<StatField, number>;

export function noFigures(): StatFigures {
  return { hits: 0, kudos: 0, comments: 0, bookmarks: 0, subscriptions: 0 };
}

/** One work of a writer with its figures (totals from the work's counters). */
export interface WorkStatsRow extends StatFigures {
  workId: number;
  title: string;
  wordCount: number;
  chapterCount: number;
  publishedAt: string;
}

/** What the works table may be sorted by. */
export const STAT_SORTS = ['title', 'published', 'words', ...STAT_FIELDS] as const;
export type StatSort = (typeof STAT_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export function parseStatSort(value: string | undefined): StatSort {
  return (STAT_SORTS as readonly string[]).includes(value ?? '') ? (value as StatSort) : 'hits';
}

/** The direction asked for, or the natural one for the column (A to Z for titles, largest first otherwise). */
export function parseDirection(value: string | undefined, sort: StatSort): SortDirection {
  if (value === 'asc' || value === 'desc') return value;
  return defaultDirection(sort);
}

export function defaultDirection(sort: StatSort): SortDirection {
  return sort === 'title' ? 'asc' : 'desc';
}

function sortValue(row: WorkStatsRow, sort: StatSort): number | string {
  switch (sort) {
    case 'title':
      return row.title.toLocaleLowerCase('en');
    case 'published':
      return row.publishedAt;
    case 'words':
      return row.wordCount;
    default:
      return row[sort];
  }
}

/** The rows sorted by the column; ties keep a stable order (title, then id). */
export function sortWorkStats(rows: readonly WorkStatsRow[], sort: StatSort, direction: SortDirection): WorkStatsRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    if (x < y) return -sign;
    if (x > y) return sign;
    const byTitle = a.title.localeCompare(b.title, 'en');
    return byTitle !== 0 ? byTitle : a.workId - b.workId;
  });
}

export function totalsOf(rows: readonly StatFigures[]): StatFigures {
  const total = noFigures();
  for (const row of rows) for (const field of STAT_FIELDS) total[field] += row[field];
  return total;
}

/** How figures over time are grouped. */
export const STAT_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type StatPeriod = (typeof STAT_PERIODS)[number];

export function parsePeriod(value: string | undefined): StatPeriod {
  return (STAT_PERIODS as readonly string[]).includes(value ?? '') ? (value as StatPeriod) : 'day';
}

/** How many of the latest periods a chart shows (years: all since the figures began). */
const SHOWN: Record<Exclude<StatPeriod, 'year'>, number> = { day: 30, week: 26, month: 12 };

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function formatDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const at = parseDay(day);
  at.setUTCDate(at.getUTCDate() + days);
  return formatDay(at);
}

/** The first day of the period a day belongs to (weeks begin on Monday, as ISO 8601 has them). */
export function periodStart(day: string, period: StatPeriod): string {
  switch (period) {
    case 'day':
      return day;
    case 'week': {
      const weekday = (parseDay(day).getUTCDay() + 6) % 7;
      return addDays(day, -weekday);
    }
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'year':
      return `${day.slice(0, 4)}-01-01`;
  }
}

function nextPeriod(start: string, period: StatPeriod): string {
  switch (period) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month': {
      const at = parseDay(start);
      at.setUTCMonth(at.getUTCMonth() + 1);
      return formatDay(at);
    }
    case 'year':
      return `${Number(start.slice(0, 4)) + 1}-01-01`;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period's name as the tables and axes show it: "4 Dec 2026", "week of 30 Nov 2026", "Dec 2026", "2026". */
export function periodLabel(start: string, period: StatPeriod): string {
  const year = start.slice(0, 4);
  const month = MONTHS[Number(start.slice(5, 7)) - 1];
  const day = Number(start.slice(8, 10));
  switch (period) {
    case 'day':
      return `${day} ${month} ${year}`;
    case 'week':
      return `week of ${day} ${month} ${year}`;
    case 'month':
      return `${month} ${year}`;
    case 'year':
      return year;
  }
}

/** A short name for a chart's axis: "4 Dec", "30 Nov", "Dec", "2026". */
export function periodShortLabel(start: string, period: StatPeriod): string {
  const month = MONTHS[Number(start.slice(5, 7)) - 1];
  if (period === 'year') return start.slice(0, 4);
  if (period === 'month') return start.slice(5, 7) === '01' ? `${month} ${start.slice(2, 4)}` : month;
  return `${Number(start.slice(8, 10))} ${month}`;
}

/** The days a chart of this period covers up to today: its first day, never before the figures began. */
export function firstShownDay(period: StatPeriod, since: string, today: string): string {
  let start = periodStart(today, period);
  if (period !== 'year') {
    for (let i = 1; i < SHOWN[period]; i++) {
      const previous = periodStart(addDays(start, -1), period);
      if (nextPeriod(previous, period) <= since) break;
      start = previous;
    }
  } else {
    start = periodStart(since < today ? since : today, 'year');
  }
  return start < since ? since : start;
}

/** One period of a chart: its first day and the figures in it. */
export interface PeriodFigures {
  start: string;
  figures: StatFigures;
}

/**
 * Daily figures grouped into the periods from the one holding `from` up to the one holding
 * `today`, every period present (zero when nothing happened).
 */
export function groupByPeriod(
  days: readonly ({ day: string } & StatFigures)[],
  period: StatPeriod,
  from: string,
  today: string,
): PeriodFigures[] {
  const periods: PeriodFigures[] = [];
  const index = new Map<string, StatFigures>();
  for (let start = periodStart(from, period); start <= today; start = nextPeriod(start, period)) {
    const figures = noFigures();
    periods.push({ start, figures });
    index.set(start, figures);
  }
  for (const row of days) {
    const figures = index.get(periodStart(row.day, period));
    if (!figures || row.day < from || row.day > today) continue;
    for (const field of STAT_FIELDS) figures[field] += row[field];
  }
  return periods;
}

/** How many readers reached a chapter, and what share of those who opened the first chapter that is. */
export interface ChapterReach {
  position: number;
  readers: number;
  /** Percent of the readers of the first posted chapter (null when nobody opened it). */
  percent: number | null;
}

/**
 * From how many readers got furthest to each chapter, how many reached each posted chapter (its
 * position, ascending): a reader whose furthest chapter is 5 reached 1 to 5. Drafts and hidden
 * chapters (not in `posted`) are left out, wherever they are in the work.
 */
export function chapterReach(
  furthest: readonly { position: number; readers: number }[],
  posted: readonly number[],
): ChapterReach[] {
  const reached = posted.map((position) => ({
    position,
    readers: furthest.reduce((sum, f) => (f.position >= position ? sum + f.readers : sum), 0),
  }));
  const first = reached[0]?.readers ?? 0;
  return reached.map(({ position, readers }) => ({
    position,
    readers,
    percent: first === 0 ? null : Math.round((readers / first) * 100),
  }));
}

/** One CSV field: quoted when needed (RFC 4180), and text a spreadsheet would run as a formula defused. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The works table as CSV: a header line, one line per work, then the totals; CRLF line ends. */
export function workStatsCsv(rows: readonly WorkStatsRow[], workUrl: (id: number) => string): string {
  const header = ['Work', 'URL', 'Posted', 'Words', 'Chapters', ...STAT_FIELDS.map((f) => STAT_LABELS[f])];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.title,
        workUrl(row.workId),
        row.publishedAt.slice(0, 10),
        row.wordCount,
        row.chapterCount,
        ...STAT_FIELDS.map((f) => row[f]),
      ]
        .map(csvField)
        .join(','),
    );
  }
  const total = totalsOf(rows);
  lines.push(
    ['Total', '', '', rows.reduce((n, r) => n + r.wordCount, 0), '', ...STAT_FIELDS.map((f) => total[f])]
      .map(csvField)
      .join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

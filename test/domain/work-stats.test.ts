import { it, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  chapterReach,
  csvField,
  firstShownDay,
  groupByPeriod,
  noFigures,
  periodStart,
  sortWorkStats,
  workStatsCsv,
  type WorkStatsRow,
} from '../../src/domain/work-stats.ts';

const row = (workId: number, title: string, hits: number, kudos: number): WorkStatsRow => ({
  ...noFigures(),
  workId,
  title,
  hits,
  kudos,
  wordCount: 100 * workId,
  chapterCount: 1,
  publishedAt: `2026-01-0${workId}T00:00:00.000Z`,
});

describe('writers’ statistics rules', () => {
  it('counts readers reaching each chapter from the furthest chapter each opened', () => {
    // 3 stopped at chapter 1, 2 at chapter 2, 5 read all four (one position past the end is cut off).
    const reach = chapterReach(
      [
        { position: 1, readers: 3 },
        { position: 2, readers: 2 },
        { position: 4, readers: 4 },
        { position: 6, readers: 1 },
      ],
      [1, 2, 3, 4],
    );
    assert.deepEqual(reach, [
      { position: 1, readers: 10, percent: 100 },
      { position: 2, readers: 7, percent: 70 },
      { position: 3, readers: 5, percent: 50 },
      { position: 4, readers: 5, percent: 50 },
    ]);
    assert.deepEqual(chapterReach([], [1, 2]), [
      { position: 1, readers: 0, percent: null },
      { position: 2, readers: 0, percent: null },
    ]);
  });

  it('counts readers only at the chapters posted now, when a draft or hidden chapter sits between them', () => {
    // Chapter 2 is a draft: readers who got to chapter 3 passed it; nobody is shown as reaching it.
    const reach = chapterReach(
      [
        { position: 1, readers: 2 },
        { position: 2, readers: 1 },
        { position: 3, readers: 1 },
      ],
      [1, 3, 4],
    );
    assert.deepEqual(reach, [
      { position: 1, readers: 4, percent: 100 },
      { position: 3, readers: 1, percent: 25 },
      { position: 4, readers: 0, percent: 0 },
    ]);
  });

  it('groups days into weeks (from Monday), months and years, every period present', () => {
    assert.equal(periodStart('2026-12-06', 'week'), '2026-11-30'); // a Sunday
    assert.equal(periodStart('2026-11-30', 'week'), '2026-11-30');
    const days = [
      { ...noFigures(), day: '2026-11-29', hits: 1 },
      { ...noFigures(), day: '2026-11-30', hits: 2, kudos: 1 },
      { ...noFigures(), day: '2026-12-04', hits: 3 },
    ];
    assert.deepEqual(
      groupByPeriod(days, 'week', '2026-11-23', '2026-12-04').map((p) => [p.start, p.figures.hits, p.figures.kudos]),
      [
        ['2026-11-23', 1, 0],
        ['2026-11-30', 5, 1],
      ],
    );
    assert.deepEqual(
      groupByPeriod(days, 'month', '2026-11-29', '2026-12-04').map((p) => [p.start, p.figures.hits]),
      [
        ['2026-11-01', 3],
        ['2026-12-01', 3],
      ],
    );
    assert.deepEqual(
      groupByPeriod(days, 'day', '2026-12-01', '2026-12-04').map((p) => p.figures.hits),
      [0, 0, 0, 3],
    );
  });

  it('shows the latest periods, never before the figures began', () => {
    assert.equal(firstShownDay('day', '2020-01-01', '2026-12-04'), '2026-11-05');
    assert.equal(firstShownDay('day', '2026-12-01', '2026-12-04'), '2026-12-01');
    assert.equal(firstShownDay('month', '2020-01-01', '2026-12-04'), '2026-01-01');
    assert.equal(firstShownDay('week', '2026-12-02', '2026-12-04'), '2026-12-02');
    assert.equal(firstShownDay('year', '2024-06-10', '2026-12-04'), '2024-06-10');
  });

  it('sorts by any column, either way, with ties in title order', () => {
    const rows = [row(1, 'Beta', 5, 1), row(2, 'alpha', 5, 3), row(3, 'Gamma', 9, 0)];
    assert.deepEqual(
      sortWorkStats(rows, 'hits', 'desc').map((r) => r.title),
      ['Gamma', 'alpha', 'Beta'],
    );
    assert.deepEqual(
      sortWorkStats(rows, 'kudos', 'asc').map((r) => r.title),
      ['Gamma', 'Beta', 'alpha'],
    );
    assert.deepEqual(
      sortWorkStats(rows, 'title', 'asc').map((r) => r.title),
      ['alpha', 'Beta', 'Gamma'],
    );
  });

  it('writes CSV with quoting and formulas defused', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('Tea, and "sympathy"'), '"Tea, and ""sympathy"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField(-3), '-3');
    const csv = workStatsCsv([row(1, 'Tea, Again', 5, 1)], (id) => `https://fic.example/works/${id}`);
    assert.equal(
      csv,
      'Work,URL,Posted,Words,Chapters,Hits,Kudos,Comments,Bookmarks,Subscriptions\r\n' +
        '"Tea, Again",https://fic.example/works/1,2026-01-01,100,1,5,1,0,0,0\r\n' +
        'Total,,,100,,5,1,0,0,0\r\n',
    );
  });
});

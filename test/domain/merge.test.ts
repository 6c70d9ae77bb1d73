import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  audienceChanges,
  combinedRating,
  combinedWarnings,
  orderChoices,
  parseWorkId,
  planMerge,
  settleRelations,
  settleSeries,
  uniteCredits,
  type MergeChapter,
  type MergePart,
} from '../../src/domain/merge.ts';
import { ValidationError } from '../../src/domain/errors.ts';

function errorsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  return {};
}

const VIEWER = 7;

function chapter(id: number, overrides: Partial<MergeChapter> = {}): MergeChapter {
  return { id, title: '', summary: '', notes: '', endNotes: '', draft: false, wordCount: 100, ...overrides };
}

function part(id: number, overrides: Partial<MergePart> = {}): MergePart {
  return {
    id,
    title: `Work ${id}`,
    summary: '',
    notes: '',
    endNotes: '',
    disclaimer: '',
    rating: 'General Audiences',
    visibility: 'public',
    publishedAt: '2024-01-01T00:00:00.000Z',
    revisedAt: '2024-01-01T00:00:00.000Z',
    complete: true,
    expectedChapters: 1,
    tags: [
      { kind: 'rating', name: overrides.rating ?? 'General Audiences' },
      { kind: 'warning', name: 'No Archive Warnings Apply' },
      { kind: 'fandom', name: 'Original Work' },
    ],
    creators: [{ pseudId: 70, userId: VIEWER, accepted: true }],
    chapters: [chapter(id * 10)],
    counters: { hits: 10, kudosCount: 2, commentCount: 1, bookmarkCount: 3 },
    ...overrides,
  };
}

describe('choosing works to merge', () => {
  it('orders numbered works by number and unnumbered ones after them in list order', () => {
    const ids = orderChoices([
      { workId: 1, chosen: true, order: '' },
      { workId: 2, chosen: true, order: '2' },
      { workId: 3, chosen: false, order: '1' },
      { workId: 4, chosen: true, order: ' 1 ' },
      { workId: 5, chosen: true, order: '' },
    ]);
    assert.deepEqual(ids, [4, 2, 1, 5]);
  });

  it('needs two works, whole order numbers and no number twice', () => {
    assert.match(
      errorsOf(() =>
        orderChoices([
          { workId: 1, chosen: true, order: '1' },
          { workId: 2, chosen: false, order: '' },
        ]),
      ).works,
      /at least two/,
    );
    assert.match(
      errorsOf(() =>
        orderChoices([
          { workId: 1, chosen: true, order: 'first' },
          { workId: 2, chosen: true, order: '' },
        ]),
      ).order,
      /whole numbers/,
    );
    assert.match(
      errorsOf(() =>
        orderChoices([
          { workId: 1, chosen: true, order: '0' },
          { workId: 2, chosen: true, order: '' },
        ]),
      ).order,
      /whole numbers/,
    );
    assert.match(
      errorsOf(() =>
        orderChoices([
          { workId: 1, chosen: true, order: '2' },
          { workId: 2, chosen: true, order: '2' },
        ]),
      ).order,
      /different order number/,
    );
  });

  it('reads work ids only as positive 32-bit whole numbers', () => {
    assert.equal(parseWorkId('12'), 12);
    assert.equal(parseWorkId('0'), undefined);
    assert.equal(parseWorkId('1e3'), undefined);
    assert.equal(parseWorkId('-4'), undefined);
    assert.equal(parseWorkId('99999999999'), undefined);
  });
});

describe('who may merge', () => {
  it('refuses fewer than two distinct works', () => {
    assert.match(errorsOf(() => planMerge([1, 1], [part(1)], VIEWER)).works, /at least two/);
  });

  it("refuses someone else's work, a missing one and one the viewer was only invited to, in the same words", () => {
    const theirs = part(2, { creators: [{ pseudId: 80, userId: 8, accepted: true }] });
    const invited = part(3, {
      creators: [
        { pseudId: 80, userId: 8, accepted: true },
        { pseudId: 70, userId: VIEWER, accepted: false },
      ],
    });
    const messages = [
      errorsOf(() => planMerge([1, 2], [part(1), theirs], VIEWER)).works,
      errorsOf(() => planMerge([1, 4], [part(1)], VIEWER)).works,
      errorsOf(() => planMerge([1, 3], [part(1), invited], VIEWER)).works,
    ];
    assert.match(messages[0], /Choose your own works/);
    assert.deepEqual(new Set(messages).size, 1);
  });
});

describe('the merged work', () => {
  it('keeps the first work and puts every chapter in the chosen order, renumbered', () => {
    const plan = planMerge([2, 1], [part(1, { chapters: [chapter(10), chapter(11)] }), part(2)], VIEWER);
    assert.equal(plan.remaining.id, 2);
    assert.deepEqual(
      plan.mergedAway.map((p) => p.id),
      [1],
    );
    assert.deepEqual(
      plan.chapters.map((c) => [c.id, c.position, c.workId]),
      [
        [20, 1, 2],
        [10, 2, 1],
        [11, 3, 1],
      ],
    );
  });

  it("carries a merged-away work's title, summary and notes onto its first chapter and its end notes onto its last", () => {
    const sequel = part(2, {
      title: 'High Water',
      summary: '<p>Spring.</p>',
      notes: '<p>For my beta.</p>',
      endNotes: '<p>Thanks!</p>',
      chapters: [
        chapter(20, { notes: '<p>Chapter note.</p>' }),
        chapter(21, { title: 'Ebb', endNotes: '<p>Own end.</p>' }),
      ],
    });
    const plan = planMerge([1, 2], [part(1, { endNotes: '<p>First end.</p>' }), sequel], VIEWER);
    const [first, second, third] = plan.chapters;
    assert.equal(first.endNotes, '<p>First end.</p>', "the remaining work's end notes close its own last chapter");
    assert.equal(second.title, 'High Water');
    assert.equal(second.summary, '<p>Spring.</p>');
    assert.equal(second.notes, '<p>Chapter note.</p>\n<p>For my beta.</p>');
    assert.equal(third.title, 'Ebb');
    assert.equal(third.endNotes, '<p>Own end.</p>\n<p>Thanks!</p>');
  });

  it("keeps every different disclaimer on the merged work, and carries one that does not fit onto its work's first chapter", () => {
    const plan = planMerge(
      [1, 2, 3],
      [
        part(1, { disclaimer: '<p>Not mine.</p>' }),
        part(2, { disclaimer: '<p>Characters belong to their author.</p>' }),
        part(3, { disclaimer: '<p>Not mine.</p>' }),
      ],
      VIEWER,
    );
    assert.equal(plan.disclaimer, '<p>Not mine.</p>\n<p>Characters belong to their author.</p>');
    assert.equal(
      planMerge([1, 2], [part(1), part(2, { disclaimer: '<p>Theirs.</p>' })], VIEWER).disclaimer,
      '<p>Theirs.</p>',
    );

    const long = `<p>${'x'.repeat(4_000)}</p>`;
    const overflowing = planMerge(
      [1, 2],
      [part(1, { disclaimer: long }), part(2, { disclaimer: `<p>${'y'.repeat(2_000)}</p>`, notes: '<p>N.</p>' })],
      VIEWER,
    );
    assert.equal(overflowing.disclaimer, long, 'the merged work stays within the disclaimer limit');
    assert.equal(
      overflowing.chapters[1].notes,
      `<p>N.</p>\n<p><strong>Disclaimer:</strong></p><p>${'y'.repeat(2_000)}</p>`,
    );
  });

  it("keeps a titled chapter's title after the work title, and skips draft chapters when carrying notes", () => {
    const sequel = part(2, {
      title: 'High Water',
      summary: '<p>S</p>',
      chapters: [chapter(19, { draft: true }), chapter(20, { title: 'Arrival' })],
    });
    const plan = planMerge([1, 2], [part(1), sequel], VIEWER);
    assert.equal(plan.chapters[1].title, '', 'the draft chapter is left as it was');
    assert.equal(plan.chapters[2].title, 'High Water — Arrival');
    assert.equal(plan.chapters[2].summary, '<p>S</p>');
  });

  it('takes the most restrictive rating, with Not Rated above all but Explicit', () => {
    assert.equal(combinedRating(['General Audiences', 'Mature', 'Teen And Up Audiences']), 'Mature');
    assert.equal(combinedRating(['General Audiences', 'Not Rated']), 'Not Rated');
    assert.equal(combinedRating(['Mature', 'Not Rated']), 'Not Rated');
    assert.equal(combinedRating(['Not Rated', 'Explicit']), 'Explicit');
  });

  it('unites warnings, dropping "No Archive Warnings Apply" once a real one comes in', () => {
    assert.deepEqual(combinedWarnings(['No Archive Warnings Apply', 'No Archive Warnings Apply']), [
      'No Archive Warnings Apply',
    ]);
    assert.deepEqual(combinedWarnings(['No Archive Warnings Apply', 'Major Character Death']), [
      'Major Character Death',
    ]);
    assert.deepEqual(combinedWarnings(['Creator Chose Not To Use Archive Warnings', 'No Archive Warnings Apply']), [
      'Creator Chose Not To Use Archive Warnings',
    ]);
  });

  it('unites tags case-insensitively in order of first appearance, and the rating tag follows the rating', () => {
    const one = part(1, {
      tags: [
        { kind: 'rating', name: 'General Audiences' },
        { kind: 'warning', name: 'No Archive Warnings Apply' },
        { kind: 'category', name: 'Gen' },
        { kind: 'fandom', name: 'Original Work' },
        { kind: 'freeform', name: 'Storms' },
      ],
    });
    const two = part(2, {
      rating: 'Mature',
      tags: [
        { kind: 'rating', name: 'Mature' },
        { kind: 'warning', name: 'Graphic Depictions Of Violence' },
        { kind: 'category', name: 'F/F' },
        { kind: 'fandom', name: 'original work' },
        { kind: 'freeform', name: 'storms' },
        { kind: 'freeform', name: 'Found Family' },
      ],
    });
    const plan = planMerge([1, 2], [one, two], VIEWER);
    assert.deepEqual(
      plan.tags.map((t) => `${t.kind}:${t.name}`),
      [
        'rating:Mature',
        'warning:Graphic Depictions Of Violence',
        'category:F/F',
        'category:Gen',
        'fandom:Original Work',
        'freeform:Storms',
        'freeform:Found Family',
      ],
    );
  });

  it('refuses to go over 75 free tags instead of dropping any', () => {
    const many = (from: number) =>
      Array.from({ length: 40 }, (_, i) => ({ kind: 'freeform' as const, name: `Tag ${from + i}` }));
    assert.deepEqual(
      errorsOf(() => planMerge([1, 2], [part(1, { tags: many(0) }), part(2, { tags: many(35) })], VIEWER)),
      {},
      '75 shared-out tags are fine',
    );
    const over = errorsOf(() => planMerge([1, 2], [part(1, { tags: many(0) }), part(2, { tags: many(100) })], VIEWER));
    assert.match(over.works, /have 80 fandom, relationship, character and additional tags.*at most 75.*Remove 5/);
  });

  it('is complete only when every part is, dated from the earliest publication to the latest update, with counters summed', () => {
    const plan = planMerge(
      [1, 2],
      [
        part(1, { publishedAt: '2023-05-01T00:00:00.000Z', revisedAt: '2023-06-01T00:00:00.000Z' }),
        part(2, {
          complete: false,
          expectedChapters: 3,
          publishedAt: '2022-01-01T00:00:00.000Z',
          revisedAt: '2024-02-01T00:00:00.000Z',
          chapters: [chapter(20), chapter(21)],
        }),
      ],
      VIEWER,
    );
    assert.equal(plan.complete, false);
    assert.equal(plan.expectedChapters, 4);
    assert.equal(plan.publishedAt, '2022-01-01T00:00:00.000Z');
    assert.equal(plan.revisedAt, '2024-02-01T00:00:00.000Z');
    assert.deepEqual(plan.counters, { hits: 20, kudosCount: 4, commentCount: 2, bookmarkCount: 6 });
    assert.equal(
      planMerge([1, 2], [part(1), part(2, { complete: false, expectedChapters: null })], VIEWER).expectedChapters,
      null,
    );
  });

  it('names each creator once, invited unless accepted on every part', () => {
    const one = part(1, {
      creators: [
        { pseudId: 70, userId: VIEWER, accepted: true },
        { pseudId: 90, userId: 9, accepted: true },
      ],
    });
    const two = part(2, {
      creators: [
        { pseudId: 71, userId: VIEWER, accepted: true },
        { pseudId: 90, userId: 9, accepted: false },
        { pseudId: 70, userId: VIEWER, accepted: true },
      ],
    });
    assert.deepEqual(planMerge([1, 2], [one, two], VIEWER).creators, [
      { pseudId: 70, accepted: true },
      { pseudId: 90, accepted: false },
      { pseudId: 71, accepted: true },
    ]);
  });

  it('tells which parts change readers: a draft part comes out, a public one merged into a draft goes in', () => {
    const now = '2025-01-01T00:00:00.000Z';
    const plan = planMerge([1, 2], [part(1), part(2, { visibility: 'draft', publishedAt: null })], VIEWER);
    assert.deepEqual(
      audienceChanges(plan, now).map((c) => [c.part.id, c.before, c.after]),
      [[2, 'creators', 'everyone']],
    );
    const intoDraft = planMerge([2, 1], [part(1), part(2, { visibility: 'draft', publishedAt: null })], VIEWER);
    assert.deepEqual(
      audienceChanges(intoDraft, now).map((c) => [c.part.id, c.before, c.after]),
      [[1, 'everyone', 'creators']],
    );
  });
});

describe('what moves with the works', () => {
  it('names each gift recipient and beta reader once per role, and honours a refusal of any part', () => {
    const { keep, drop } = uniteCredits([
      { id: 1, workId: 1, role: 'beta', pseudId: null, name: 'Sam', refused: false },
      { id: 2, workId: 1, role: 'gift', pseudId: 5, name: 'five', refused: false },
      { id: 3, workId: 2, role: 'beta', pseudId: null, name: 'sam ', refused: false },
      { id: 4, workId: 2, role: 'beta', pseudId: null, name: 'Alex', refused: false },
      { id: 5, workId: 2, role: 'gift', pseudId: 5, name: 'five', refused: true },
    ]);
    assert.deepEqual(drop, [3, 5]);
    assert.deepEqual(keep, [
      { id: 1, position: 0, refused: false },
      { id: 2, position: 0, refused: true },
      { id: 4, position: 1, refused: false },
    ]);
  });

  it('moves relations, retargets links to merged-away works, and drops self-links and repeats', () => {
    const { keep, drop } = settleRelations(
      [
        { id: 1, workId: 2, relation: 'sequel-of', position: 0, targetWorkId: 1, url: '' },
        { id: 2, workId: 2, relation: 'inspired-by', position: 1, targetWorkId: null, url: 'https://example.org/a' },
        { id: 3, workId: 1, relation: 'inspired-by', position: 0, targetWorkId: null, url: 'https://example.org/a' },
        { id: 4, workId: 9, relation: 'inspired-by', position: 0, targetWorkId: 1, url: '' },
        { id: 5, workId: 9, relation: 'inspired-by', position: 1, targetWorkId: 2, url: '' },
        { id: 6, workId: 9, relation: 'translation-of', position: 2, targetWorkId: 2, url: '' },
      ],
      1,
      [2],
    );
    assert.deepEqual(drop.sort(), [1, 2, 5]);
    assert.deepEqual(keep, [
      { id: 3, workId: 1, targetWorkId: null, position: 0 },
      { id: 4, workId: 9, targetWorkId: 1, position: 0 },
      { id: 6, workId: 9, targetWorkId: 1, position: 1 },
    ]);
  });

  it('keeps the remaining work in its series places and gives it the place of a merged-away work elsewhere', () => {
    assert.deepEqual(settleSeries([5, 2, 1, 6], 1, [2]), [5, 1, 6]);
    assert.deepEqual(settleSeries([5, 3, 2, 6], 1, [2, 3]), [5, 1, 6]);
    assert.deepEqual(settleSeries([5, 6], 1, [2]), [5, 6]);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, toImportJson, type ImportedWork } from '../../../src/text/import/index.ts';
import { workTitle } from '../../../src/text/import/corrections.ts';
import { textFile } from '../../support/imports.ts';

async function imported(text: string, name = 'story.txt'): Promise<ImportedWork> {
  return importWork([textFile(name, text)]);
}

const STORY = [
  'Mara packed her bag before dawn and left the key under the mat, where her brother would find it.',
  'The ferry was late, and the river was wide and grey, and nobody on the landing said a word to her.',
  'By noon she was on the far bank, and the town behind her was only smoke above the trees.',
];

/** A header, then the story, then what follows it. */
function story(header: string[], after: string[] = [], title = 'The Long Road Home'): string {
  return [title, '', ...header.flatMap((line) => [line, '']), ...STORY.flatMap((p) => [p, '']), ...after].join('\n');
}

/** Two chapters, then what follows the last one. */
function chapters(between: string[], after: string[]): string {
  return [
    'The Long Road Home',
    '',
    'Chapter 1: Leaving',
    '',
    STORY[0],
    '',
    ...between.flatMap((line) => [line, '']),
    'Chapter 2: The Ferry',
    '',
    STORY[1],
    '',
    STORY[2],
    '',
    ...after.flatMap((line) => [line, '']),
  ].join('\n');
}

function statusOf(work: ImportedWork) {
  return { complete: work.complete, said: work.status?.said, expected: work.status?.expectedChapters ?? null };
}

describe('the status a file states', () => {
  it('reads AO3’s chapter count: 3/? and 3/10 are in progress (10 expected), 3/3 is complete', async () => {
    const header = (count: string) => ['Rating: General Audiences', 'Fandom: Original Work', `Chapters: ${count}`];
    assert.deepEqual(statusOf(await imported(story(header('3/?')))), {
      complete: false,
      said: 'Chapters: 3/?',
      expected: null,
    });
    assert.deepEqual(statusOf(await imported(story(header('3/10')))), {
      complete: false,
      said: 'Chapters: 3/10',
      expected: 10,
    });
    assert.deepEqual(statusOf(await imported(story(header('3/3')))), {
      complete: true,
      said: 'Chapters: 3/3',
      expected: 3,
    });
    // AO3's text download: the stats in one line under "Stats:".
    const download = story([
      'Fandom: Original Work',
      'Stats:\n    Published: 2023-08-02 Updated: 2023-08-19 Words: 1,152 Chapters: 2/5',
    ]);
    assert.deepEqual(statusOf(await imported(download)), { complete: false, said: 'Chapters: 2/5', expected: 5 });
  });

  it('reads a status field in the words archives use, in the languages the import reads labels in', async () => {
    const cases: [string, boolean][] = [
      ['Status: In-Progress', false],
      ['Status: WIP', false],
      ['Status: Ongoing', false],
      ['Status: Abandoned', false],
      ['Status: On Hiatus', false],
      ['Status: Complete', true],
      ['Status: Completed', true],
      ['Completed: No', false],
      ['Completed: Yes', true],
      ['Статус: в процессе', false],
      ['Статус: закончен', true],
      ['Status: in Arbeit', false],
      ['Status: abgeschlossen', true],
      ['Statut : en cours', false],
      ['Statut : terminé', true],
      ['Estado: en progreso', false],
      ['Estado: completo', true],
      ['状态：连载中', false],
      ['状态：已完结', true],
    ];
    for (const [line, complete] of cases) {
      const work = await imported(story(['Rating: General Audiences', line, 'Fandom: Original Work']));
      assert.deepEqual(statusOf(work), { complete, said: line, expected: null }, line);
    }
  });

  it('reads FanFiction.Net’s line of facts: “- Complete -” when complete, and nothing when in progress', async () => {
    const facts = (status: string) =>
      `Rated: Fiction T - English - Drama - Chapters: 3 - Words: 9,412 - Reviews: 12 - Published: 3/1/2019${status} - id: 13310998`;
    const complete = await imported(story(['By: quillfeather', facts(' - Status: Complete')]));
    assert.deepEqual(statusOf(complete), { complete: true, said: 'Status: Complete', expected: null });
    const going = await imported(story(['By: quillfeather', facts('')]));
    assert.equal(going.complete, false);
    assert.equal(going.status?.where, 'facts');
  });

  it('reads Wattpad’s line over a story: “Ongoing” or “Completed”', async () => {
    const page = (state: string) =>
      [
        'Paper Cranes',
        '',
        'by todoroki_no_okaasan',
        '',
        `${state} · 12.4K reads · 891 votes · 14 parts`,
        '',
        ...STORY,
      ].join('\n\n');
    assert.deepEqual(statusOf(await imported(page('Ongoing'))), { complete: false, said: 'Ongoing', expected: null });
    assert.deepEqual(statusOf(await imported(page('Completed'))), {
      complete: true,
      said: 'Completed',
      expected: null,
    });
  });

  it('reads the facts of saved pages: an AO3 download, an AO3 work page, a FanFiction.Net page', async () => {
    const ao3 = `<html><body><div id="preface"><p>Posted originally on the Archive of Our Own</p>
      <dl class="tags"><dt>Fandom:</dt><dd><a href="#">Original Work</a></dd>
      <dt>Stats:</dt><dd>Published: 2023-08-02 Updated: 2023-08-09 Words: 512 Chapters: 1/?</dd></dl>
      <div class="meta"><h1>Overtime</h1><div class="byline">by <a rel="author">ferrisfern</a></div></div></div>
      <div id="chapters"><div class="userstuff"><p>${STORY.join('</p><p>')}</p></div></div></body></html>`;
    assert.deepEqual(statusOf(await imported(ao3, 'overtime.html')), {
      complete: false,
      said: 'Chapters: 1/?',
      expected: null,
    });
    const page = `<html><body><dl class="work meta group"><dd class="stats"><dl class="stats">
      <dt class="published">Published:</dt><dd class="published">2023-01-04</dd>
      <dt class="words">Words:</dt><dd class="words">534</dd>
      <dt class="chapters">Chapters:</dt><dd class="chapters">1/4</dd></dl></dd></dl>
      <div id="workskin"><div class="preface group"><h2 class="title heading">Overtime</h2>
      <h3 class="byline heading">ferrisfern</h3></div>
      <div id="chapters"><div class="userstuff"><p>${STORY.join('</p><p>')}</p></div></div></div></body></html>`;
    assert.deepEqual(statusOf(await imported(page, 'overtime.html')), {
      complete: false,
      said: 'Chapters: 1/4',
      expected: 4,
    });
    const ffn = `<html><body><div id="profile_top"><b class="xcontrast_txt">Winter Wheat</b>
      <span class="xcontrast_txt">By:</span> <a class="xcontrast_txt" href="/u/1/pearlwhistle">pearlwhistle</a>
      <span class="xgray xcontrast_txt">Rated: <a>Fiction K+</a> - English - Romance - Words: 512 - Published: Mar 3, 2015 - Status: Complete - id: 1</span></div>
      <div class="storytext" id="storytext"><p>${STORY.join('</p><p>')}</p></div></body></html>`;
    const saved = await imported(ffn, 'wheat.html');
    assert.deepEqual(statusOf(saved), { complete: true, said: 'Status: Complete', expected: null });
    // Read, not left in the story.
    assert.ok(saved.preview.pieces.some((p) => p.part === 'metadata' && p.text.startsWith('Rated: Fiction K+')));
    assert.doesNotMatch(saved.chapters[0].html, /Rated/);
  });

  it('reads a tag in the title or the summary', async () => {
    assert.deepEqual(statusOf(await imported(story(['Fandom: Original Work'], [], 'The Long Road Home [WIP]'))), {
      complete: false,
      said: '[WIP]',
      expected: null,
    });
    assert.deepEqual(
      statusOf(await imported(story(['Summary: Mara leaves home. (Complete)', 'Fandom: Original Work']))),
      { complete: true, said: '(Complete)', expected: null },
    );
  });

  it('leaves the status tag out of the title, which the archive shows apart', async () => {
    for (const [title, said] of [
      ['The Long Road Home [WIP]', '[WIP]'],
      ['[WIP] The Long Road Home', '[WIP]'],
      ['The Long Road Home - COMPLETE', 'COMPLETE'],
      ['The Long Road Home (Complete)', '(Complete)'],
    ]) {
      const work = await imported(story(['Fandom: Original Work'], [], title));
      assert.equal(work.title, 'The Long Road Home', title);
      assert.equal(work.status?.said, said, title);
    }
    // The preview's title field offers the same title.
    const tagged = await imported(story(['Fandom: Original Work'], [], '[WIP] The Long Road Home'));
    assert.equal(workTitle(tagged.preview), 'The Long Road Home');
    // A word of a title is not a tag.
    assert.equal(
      (await imported(story(['Fandom: Original Work'], [], 'Incomplete Sentences'))).title,
      'Incomplete Sentences',
    );
  });

  it('reads what follows the last chapter: “To be continued” or “TBC” is in progress, “THE END” or “Fin” complete', async () => {
    for (const [after, complete] of [
      ['To be continued...', false],
      ['TBC', false],
      ['A/N: Continued in part 2, up next week!', false],
      ['A/N: Thanks for reading! Next chapter: the ferry sinks.', false],
      ['THE END', true],
      ['~ Fin ~', true],
    ] as const) {
      const work = await imported(chapters([], [after]));
      assert.equal(work.complete, complete, after);
      assert.equal(work.status?.where, 'end', after);
    }
    // Read, not moved: the mark stays where the import put it.
    const work = await imported(chapters([], ['A/N: Thanks for reading! Next chapter: the ferry sinks.']));
    assert.deepEqual(
      work.chapters.map((c) => c.blocks.length),
      [1, 2],
    );
    assert.equal(work.chapters[1].notes.end, 'Thanks for reading! Next chapter: the ferry sinks.');
    assert.equal(work.status?.said, 'Next chapter: the ferry sinks.');
  });

  it('says nothing when the file says nothing, and reads no mark from the middle of the work or from the story', async () => {
    assert.deepEqual(statusOf(await imported(story(['Fandom: Original Work']))), {
      complete: null,
      said: undefined,
      expected: null,
    });
    // "To be continued" after the first of two chapters is that chapter's.
    assert.equal((await imported(chapters(['To be continued...'], []))).complete, null);
    // The story may speak of a next chapter or of the end.
    const told = chapters([], ['She turned the page to the next chapter of her life, and that was the end of it.']);
    assert.equal((await imported(told)).complete, null);
  });

  it('gives the status in the dry run’s JSON', async () => {
    const json = toImportJson(await imported(story(['Fandom: Original Work', 'Chapters: 2/10'])));
    assert.equal(json.complete, false);
    assert.deepEqual(json.status, { said: 'Chapters: 2/10', where: 'header', expectedChapters: 10 });
  });
});

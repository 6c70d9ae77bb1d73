import type { DownloadChapter, DownloadSeries, DownloadWork } from '../../src/formats/document.ts';
import { formatUserText } from '../../src/text/sanitize.ts';
import { uuidV5 } from '../../src/formats/document.ts';

export const ARCHIVE = {
  name: 'Quire Test Archive',
  origin: 'http://archive.test',
  uuid: '6f1c0c1e-3b7a-4f0e-9a43-1a2b3c4d5e6f',
};

export function chapter(position: number, body: string, extra: Partial<DownloadChapter> = {}): DownloadChapter {
  return { position, title: '', summary: '', notes: '', endNotes: '', body: formatUserText(body), ...extra };
}

/** A work as a download sees it, with plain defaults that a test overrides. HTML fields go through the sanitizer as posted ones do. */
export function sampleWork(overrides: Partial<DownloadWork> = {}, id = 1): DownloadWork {
  const work: DownloadWork = {
    id,
    title: 'The Lighthouse Keeper',
    url: `${ARCHIVE.origin}/works/${id}`,
    language: 'en',
    rtl: false,
    creators: ['marisol_writes'],
    gifts: [],
    betas: [],
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['Gen'],
    fandoms: ['Original Work'],
    relationships: [],
    characters: ['Keeper', 'Stranger'],
    freeforms: ['Storms'],
    summary: formatUserText('A storm, a stranger, a light that will not go out.'),
    notes: '',
    endNotes: '',
    disclaimer: '',
    series: [],
    publishedAt: '2026-01-02T03:04:05.000Z',
    revisedAt: '2026-01-02T03:04:05.000Z',
    complete: true,
    chapterProgress: '1/1',
    wordCount: 8,
    chapters: [chapter(1, 'The light turned. The sea answered.')],
    identifier: `urn:uuid:${uuidV5(ARCHIVE.uuid, `work:${id}`)}`,
    modified: '2026-01-02T03:04:05Z',
    ...overrides,
  };
  return { ...work, chapterProgress: overrides.chapterProgress ?? `${work.chapters.length}/${work.chapters.length}` };
}

const LOREM =
  'The tide came in over the rocks and the keeper counted the seconds between the flashes of the light, as she had every night for eleven years.';

export function longText(paragraphs: number, prefix = ''): string {
  return Array.from({ length: paragraphs }, (_, i) => `<p>${prefix}${i + 1}. ${LOREM}</p>`).join('\n');
}

/** Works with the content that trips e-book writers up, by name. */
export function oddWorks(): Record<string, DownloadWork> {
  return {
    'CJK text': sampleWork(
      {
        title: '灯台守 — 嵐の夜',
        language: 'ja',
        creators: ['山田 (yamada)'],
        fandoms: ['原作'],
        summary: formatUserText('嵐の夜、見知らぬ人が来た。'),
        chapters: [
          chapter(
            1,
            '<p>灯りが回った。海が答えた。</p><p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>の読み方。</p>',
            { title: '第一章' },
          ),
          chapter(2, '<p>中文的文字，没有空格。</p><p>한국어 문장도 있습니다.</p>'),
        ],
      },
      2,
    ),
    'right-to-left text (Arabic and Hebrew)': sampleWork(
      {
        title: 'حارس المنارة',
        language: 'ar',
        rtl: true,
        summary: formatUserText('عاصفة، وغريب، ونور لا ينطفئ.'),
        notes: formatUserText('<p dir="ltr">A note in English inside an Arabic work.</p>'),
        chapters: [
          chapter(
            1,
            '<p>دار الضوء. أجاب البحر.</p><p lang="he" dir="rtl">האור הסתובב. הים ענה.</p><p><bdo>bdo without a direction</bdo> and <bdo dir="ltr">with one</bdo>.</p>',
            { title: 'الفصل الأول' },
          ),
        ],
      },
      3,
    ),
    'images by URL': sampleWork(
      {
        title: 'Pictures',
        chapters: [
          chapter(
            1,
            '<p>Before <img src="https://example.org/a.png" alt="a lighthouse" width="300" height="200" align="right" /> after.</p><p><a href="https://example.org/big.jpg"><img src="https://example.org/thumb.jpg" alt="thumbnail"></a></p><p><img src="http://example.org/no-alt.gif"></p><figure><img src="https://example.org/f.png" alt="f"><figcaption>A caption</figcaption></figure>',
          ),
        ],
      },
      4,
    ),
    tables: sampleWork(
      {
        title: 'Tables',
        chapters: [
          chapter(
            1,
            '<table border="1" summary="old" width="80%"><caption>Tides</caption><tr><th scope="col">Day</th><th>High</th></tr><tr><td align="center" valign="top">Mon</td><td colspan="1">06:12</td></tr></table><table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody><tfoot><tr><td>end</td></tr></tfoot></table><table><td>stray cell</td><p>stray paragraph in a table</p></table>',
          ),
        ],
      },
      5,
    ),
    'footnote-style links and anchors': sampleWork(
      {
        title: 'Footnotes',
        chapters: [
          chapter(
            1,
            '<p>A claim.<sup><a href="#fn1" name="ref1">1</a></sup> Another.<sup><a href="#fn2">2</a></sup> <a href="#nowhere">broken</a> <a href="/works/1">relative</a> <a href="chapter2.html">other file</a> <a href="mailto:keeper@example.org">mail</a></p><hr /><p><a name="fn1" href="#ref1">1.</a> The note.</p><p><a name="fn2">2.</a> Another note.</p><p><a name="fn2">duplicate anchor</a></p>',
          ),
        ],
      },
      6,
    ),
    'a very long chapter': sampleWork({ title: 'Long', chapters: [chapter(1, longText(3000))] }, 7),
    'empty notes and summaries': sampleWork(
      {
        title: 'Bare',
        summary: '',
        notes: '',
        endNotes: '',
        relationships: [],
        characters: [],
        freeforms: [],
        categories: [],
        chapters: [chapter(1, '<p>Only text.</p>', { summary: '', notes: '', endNotes: '' })],
      },
      8,
    ),
    'titles with &<>"\' characters': sampleWork(
      {
        title: `Tom & Jerry's "<Great>" Escape`,
        creators: [`A&B <writer> "quoted" 'single'`],
        fandoms: [`Fandom & <Co>`],
        freeforms: [`"Quotes" & 'apostrophes'`],
        series: [{ title: `Series <&> "one"`, position: 2, url: `${ARCHIVE.origin}/series/1` }],
        notes: formatUserText('Notes with &amp; &lt;tags&gt; &nbsp; &eacute; &mdash; entities.'),
        endNotes: formatUserText('End notes & more.'),
        chapters: [
          chapter(1, 'Text with &amp; and &copy; &hellip; &nbsp;and a <b>bold <i>nested</b> mess</i>.', {
            title: `Chapter <"&">`,
            summary: formatUserText('A summary with <em>emphasis</em>.'),
            notes: formatUserText('Chapter notes.'),
            endNotes: formatUserText('Chapter end notes.'),
          }),
        ],
      },
      9,
    ),
    'many chapters': sampleWork(
      {
        title: 'Many',
        chapters: Array.from({ length: 120 }, (_, i) =>
          chapter(i + 1, longText(3, `c${i + 1} `), { title: i % 3 === 0 ? `Part ${i + 1}` : '' }),
        ),
        endNotes: formatUserText('Thank you for reading.'),
      },
      10,
    ),
    'broken and old-fashioned markup': sampleWork(
      {
        title: 'Markup',
        chapters: [
          chapter(
            1,
            '<center>Centered</center><p align="justify">Justified <big>big</big> <tt>mono</tt> <strike>gone</strike> <acronym title="x">X</acronym></p><em><p>emphasis around paragraphs</p><p>two</p></em><ul><p>paragraph in a list</p><li>item</li>loose text</ul><li>stray item</li><dl><dd>dd first</dd><dt>term</dt></dl><dl><dt>T</dt><dd>D</dd></dl><details open><p>before summary</p><summary>late summary</summary></details><span><h2>heading in span</h2></span><ol start="3" type="a" reversed><li value="5">five</li></ol><p lang="not a language!" dir="sideways">bad attributes</p><blockquote cite="/relative">quote</blockquote><address>An address</address><p>control\u0001chars\u000b gone</p><del datetime="x">deleted</del><ins><p>inserted block</p></ins><a href="https://example.org"><div>block in link</div></a><pre>  preformatted\n    text</pre><h7>not a heading</h7><rt>stray rt</rt><dt>stray dt</dt><tr><td>stray row</td></tr><figcaption>stray caption</figcaption><summary>stray summary</summary>',
          ),
        ],
      },
      11,
    ),
  };
}

export function sampleSeries(works: DownloadWork[]): DownloadSeries {
  return {
    id: 1,
    title: 'The Harbour Cycle & <Friends>',
    url: `${ARCHIVE.origin}/series/1`,
    summary: formatUserText('Stories of the harbour.'),
    notes: '',
    complete: false,
    creators: [...new Set(works.flatMap((w) => w.creators))],
    language: works[0].language,
    rtl: works[0].rtl,
    works,
    identifier: `urn:uuid:${uuidV5(ARCHIVE.uuid, 'series:1')}`,
    modified: '2026-02-03T04:05:06Z',
  };
}

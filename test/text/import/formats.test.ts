import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, ImportError } from '../../../src/text/import/index.ts';
import { makeDocx, makeEpub } from '../../support/import-files.ts';
import { textFile as file } from '../../support/imports.ts';

const AO3_DOWNLOAD = `<!DOCTYPE html><html><head><meta charset="UTF-8"><title>The Orchard Keeper - marisol_writes - Harry Potter</title></head><body>
<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message"><b>The Orchard Keeper</b><br/>Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a> at <a href="https://archiveofourown.org/works/1">https://archiveofourown.org/works/1</a>.</p>
  <div class="meta">
    <dl class="tags">
      <dt>Rating:</dt><dd><a href="#">Teen And Up Audiences</a></dd>
      <dt>Archive Warning:</dt><dd><a href="#">No Archive Warnings Apply</a></dd>
      <dt>Category:</dt><dd><a href="#">Gen</a></dd>
      <dt>Fandom:</dt><dd><a href="#">Harry Potter - J. K. Rowling</a></dd>
      <dt>Characters:</dt><dd><a href="#">Neville Longbottom</a>, <a href="#">Luna Lovegood</a></dd>
      <dt>Additional Tags:</dt><dd><a href="#">Gardening</a>, <a href="#">Post-War</a></dd>
      <dt>Language:</dt><dd>English</dd>
      <dt>Stats:</dt><dd>Published: 2020-01-01 Words: 40 Chapters: 2/2</dd>
    </dl>
    <h1>The Orchard Keeper</h1>
    <div class="byline">by <a rel="author" href="#">marisol_writes</a></div>
    <p>Summary</p><blockquote class="userstuff"><p>Neville plants an orchard. <em>Spoilers for DH.</em></p></blockquote>
    <p>Notes</p><blockquote class="userstuff"><p>For my sister.</p></blockquote>
  </div>
</div>
<div id="chapters" class="userstuff">
  <div class="meta group"><h2 class="heading">Chapter 1: Seeds</h2>
    <p>Chapter Notes</p><blockquote class="userstuff"><p>Short one today.</p></blockquote></div>
  <div class="userstuff"><p>Neville dug the first hole at dawn.</p><p>* * *</p><p>Luna brought the <em>apple</em> trees.</p></div>
  <div class="meta" id="endnotes1"><p>Chapter End Notes</p><blockquote class="userstuff"><p>More soon!</p></blockquote></div>
  <div class="meta group"><h2 class="heading">Chapter 2</h2></div>
  <div class="userstuff"><p>Years later, the orchard was full of fruit.</p></div>
</div>
<div id="afterword"><h2 class="toc-heading">Afterword</h2><div class="meta"><div id="endnotes"><p>End Notes</p><blockquote class="userstuff"><p>Thank you for reading.</p></blockquote></div></div>
<p class="message">Please drop by the archive and comment to let the creator know if you enjoyed their work!</p></div>
</body></html>`;

describe('import formats', () => {
  it('reads an AO3 HTML download: its tags, summary, notes, chapters and end notes as stated', async () => {
    const work = await importWork([file('orchard.html', AO3_DOWNLOAD)]);
    assert.equal(work.title, 'The Orchard Keeper');
    assert.equal(work.summary, 'Neville plants an orchard. Spoilers for DH.');
    assert.equal(work.notes.beginning, 'For my sister.');
    assert.equal(work.notes.end, 'Thank you for reading.');
    assert.equal(work.tags.rating, 'Teen And Up Audiences');
    assert.deepEqual(work.tags.warnings, ['No Archive Warnings Apply']);
    assert.deepEqual(work.tags.categories, ['Gen']);
    assert.deepEqual(work.tags.fandoms, ['Harry Potter - J. K. Rowling']);
    assert.deepEqual(work.tags.characters, ['Neville Longbottom', 'Luna Lovegood']);
    assert.deepEqual(work.tags.freeforms, ['Gardening', 'Post-War']);
    assert.equal(work.language, 'en');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Seeds', null],
    );
    assert.deepEqual(work.chapters[0].notes, { beginning: 'Short one today.', end: 'More soon!' });
    assert.deepEqual(work.chapters[0].blocks, [
      { type: 'paragraph', text: 'Neville dug the first hole at dawn.' },
      { type: 'break' },
      { type: 'paragraph', text: 'Luna brought the apple trees.' },
    ]);
    assert.match(work.chapters[0].html, /<em>apple<\/em>/);
    assert.ok(!JSON.stringify(work).includes('Posted originally'));
  });

  it('reads an AO3 download that Word saved again as a web page: flat chapters, and a note the writer added above', async () => {
    const page = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><title>The Lantern Road - quietfox - Merlin [Archive of Our Own]</title>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Jane Smith</o:Author></o:DocumentProperties></xml><![endif]-->
</head><body lang=EN-GB><div class=WordSection1>
<p class=MsoNormal><i>My own copy, with the ending fixed.<o:p></o:p></i></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div id=preface>
<p class=message><b>The Lantern Road</b><br>Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a>.</p>
<div class=meta>
<p class=MsoNormal style='margin-left:.5in'><b>Rating:</b> General Audiences<o:p></o:p></p>
<h1>The Lantern Road<o:p></o:p></h1>
<div class=byline><p class=MsoNormal>by <a href="#" rel=author>quietfox</a><o:p></o:p></p></div>
<p class=MsoNormal>Notes<o:p></o:p></p>
<blockquote><p class=MsoNormal>For the winter swap.<o:p></o:p></p></blockquote>
</div></div>
<div id=chapters>
<h2>Chapter 1: Dusk<o:p></o:p></h2>
<p class=MsoNormal>Merlin lit the first lantern as the sun went down behind the hill.<o:p></o:p></p>
<p class=MsoNormal>Arthur pretended not to watch.<o:p></o:p></p>
<p class=MsoNormal>Chapter End Notes<o:p></o:p></p>
<blockquote><p class=MsoNormal>Part two soon.<o:p></o:p></p></blockquote>
<h2>Chapter 2: Dawn<o:p></o:p></h2>
<p class=MsoNormal>By morning every lantern on the road was burning.<o:p></o:p></p>
</div>
<div id=afterword><p class=MsoNormal>End Notes<o:p></o:p></p>
<blockquote><p class=MsoNormal>Thanks for reading.<o:p></o:p></p></blockquote></div>
</div></body></html>`;
    const work = await importWork([file('lantern.htm', page)]);
    assert.equal(work.title, 'The Lantern Road');
    assert.equal(work.notes.beginning, 'My own copy, with the ending fixed.\n\nFor the winter swap.');
    assert.equal(work.notes.end, 'Thanks for reading.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Dusk', 'Dawn'],
    );
    assert.deepEqual(
      work.chapters.map((c) => c.blocks.map((b) => (b.type === 'paragraph' ? b.text : '—'))),
      [
        ['Merlin lit the first lantern as the sun went down behind the hill.', 'Arthur pretended not to watch.'],
        ['By morning every lantern on the road was burning.'],
      ],
    );
    assert.equal(work.chapters[0].notes.end, 'Part two soon.');
  });

  it('reads an Obsidian note’s callouts as notes labelled by their titles', async () => {
    const md = [
      '# Night Ferry',
      '',
      '> [!note] Author’s note',
      '> Written on the ferry to Mull, for Isla.',
      '',
      '> [!warning] Disclaimer',
      '> Not my characters, sadly.',
      '',
      '## Chapter 1: Crossing',
      '',
      'The ferry left Oban at midnight, and Morag stood at the rail until the lights of the town were gone.',
      '',
      '## Chapter 2: Landing',
      '',
      'They landed at Craignure in the rain, and nobody was there to meet them.',
    ].join('\n');
    const work = await importWork([file('night-ferry.md', md)]);
    assert.equal(work.notes.beginning, 'Written on the ferry to Mull, for Isla.');
    assert.equal(work.disclaimer, 'Not my characters, sadly.');
    assert.ok(!JSON.stringify(work).includes('[!'));
  });

  it('reads a Notion page’s callouts (raw <aside> blocks with an icon) as the writer’s notes, not a page’s sidebar', async () => {
    const md = [
      '# Night Ferry',
      '',
      '<aside>',
      '💡 **Author’s note:** Written on the ferry to Mull, for Isla.',
      '',
      '</aside>',
      '',
      '## Chapter 1: Crossing',
      '',
      'The ferry left Oban at midnight, and Morag stood at the rail until the lights of the town were gone.',
      '',
      '## Chapter 2: Landing',
      '',
      'They landed at Craignure in the rain, and nobody was there to meet them.',
    ].join('\n');
    const work = await importWork([file('night-ferry.md', md)]);
    assert.equal(work.notes.beginning, 'Written on the ferry to Mull, for Isla.');
  });

  it('reads a paragraph of an AO3 download’s notes that is a disclaimer as the disclaimer', async () => {
    const page = AO3_DOWNLOAD.replace(
      '<p>For my sister.</p>',
      '<p>For my sister.</p><p>Harry Potter belongs to J. K. Rowling, not to me.</p>',
    );
    const work = await importWork([file('orchard.html', page)]);
    assert.equal(work.notes.beginning, 'For my sister.');
    assert.equal(work.disclaimer, 'Harry Potter belongs to J. K. Rowling, not to me.');
  });

  it('reads only the story from a saved web page, not its menus and footer', async () => {
    const page = `<html><head><title>Ch 1</title><script>track()</script></head><body>
      <nav><a href="/">Home</a> | <a href="/browse">Browse</a></nav>
      <div id="profile_top"><b>Night Train</b> By: someone</div>
      <div id="storytext"><p>The train pulled out at midnight and nobody waved.</p><p>"Where are we going?" asked the girl.</p><p>Nobody answered her, and the lights of the city slid away behind them into the dark.</p></div>
      <footer>Copyright FanFiction.Net. Terms of service.</footer></body></html>`;
    const work = await importWork([file('night-train.htm', page)]);
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '—')),
      [
        'The train pulled out at midnight and nobody waved.',
        '"Where are we going?" asked the girl.',
        'Nobody answered her, and the lights of the city slid away behind them into the dark.',
      ],
    );
    assert.equal(work.title, 'Night Train');
    assert.equal(work.preview.files[0].layout, 'saved web page');
  });

  it('reads the summary of a saved FanFiction.Net page, between its byline and its line of facts', async () => {
    const page = `<html><head><title>Winter Wheat Chapter 1, a Hunger Games fanfic | FanFiction</title></head><body>
      <div id="profile_top"><b class="xcontrast_txt">Winter Wheat</b>
      <span class="xcontrast_txt"><div>By:</div></span> <a class="xcontrast_txt" href="/u/4412093/pearlwhistle">pearlwhistle</a>
      <div style="margin-top:2px" class="xcontrast_txt">Some seasons are for planting. Some are for waiting.</div>
      <span class="xgray xcontrast_txt">Rated: Fiction K+ - English - Romance - Words: 512 - Status: Complete - id: 10290311</span></div>
      <div id="storytextp"><div id="storytext" class="storytext xcontrast_txt nocopy">
      <p>The first thing Peeta planted was wheat, which Katniss thought was a strange choice.</p>
      <p>"It won't come up till spring," he told her, when she came to watch.</p></div></div></body></html>`;
    const work = await importWork([file('winter-wheat.html', page)]);
    assert.equal(work.summary, 'Some seasons are for planting. Some are for waiting.');
    assert.equal(work.title, 'Winter Wheat');
    assert.equal(work.chapters[0].blocks.length, 2);
  });

  it('reads paragraphs separated by <br><br> in old HTML', async () => {
    const work = await importWork([
      file(
        'old.html',
        '<html><body>The first paragraph is here.<br><br>The second one follows it.<br>With a line break.</body></html>',
      ),
    ]);
    assert.deepEqual(work.chapters[0].blocks, [
      { type: 'paragraph', text: 'The first paragraph is here.' },
      { type: 'paragraph', text: 'The second one follows it.\nWith a line break.' },
    ]);
  });

  it('reads Markdown: headings as title and chapters, emphasis kept, rules as scene breaks', async () => {
    const md =
      '# Salt and Iron\n\n## Chapter 1\n\nDean *hated* the motel.\n\n***\n\nSam did not.\n\n## Chapter 2\n\nMorning came.\n';
    const work = await importWork([file('salt.md', md)]);
    assert.equal(work.title, 'Salt and Iron');
    assert.equal(work.chapters.length, 2);
    assert.match(work.chapters[0].html, /<em>hated<\/em>/);
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => b.type),
      ['paragraph', 'break', 'paragraph'],
    );
  });

  it('reads Markdown saved as .txt (a Ulysses or iA Writer export) as Markdown, and a story’s own “#” lines as text', async () => {
    const md =
      '# The Weight of a Moth\n\n_by gyptian_boat_\n\n**A/N:** Nobody is sad for once.\n\n## One\n\nMary saw the moth first.\n\n## Two\n\nThe bird followed her.\n';
    const work = await importWork([file('moth.txt', md)]);
    assert.equal(work.title, 'The Weight of a Moth');
    assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.text, 'gyptian_boat');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['One', 'Two'],
    );
    assert.equal(work.notes.beginning, 'Nobody is sad for once.');
    const plain = await importWork([
      file('list.txt', 'Room #1\n\n# 1 on the list was the kettle.\n\nShe crossed it off and went to bed.\n'),
    ]);
    assert.match(plain.chapters.map((c) => c.html).join(''), /# 1 on the list was the kettle\./);
    // What the writer typed in such a file stays as typed: no tag, no numbered list.
    const typed = await importWork([
      file(
        'typed.txt',
        '# Part One\n\nThe message just said: <Dean> where r u, and **nobody** answered.\n\n# Part Two\n\n1999. That was the year.\n',
      ),
    ]);
    assert.deepEqual(
      typed.chapters.map((c) => c.blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))),
      [['The message just said: <Dean> where r u, and nobody answered.'], ['1999. That was the year.']],
    );
  });

  it('reads an outliner’s Markdown export (every line a bullet, as Roam and Logseq write it): each bullet a paragraph, “## …” bullets as chapters, a short list in a note left a list', async () => {
    const para = (n: string) =>
      `The tide came in over the causeway for the ${n} time that week, and Ines watched it from the lighthouse stair.`;
    const md = [
      '- Tags: #fic #[[Lighthouse Keepers]]',
      '- **Low Water** — by [[tidewrack]]',
      '    - Author’s note: for the harbour zine, with love.',
      '- ## Night One: The Stair',
      `    - ${para('first')}`,
      `    - ${para('second')}`,
      '    - "Again," she said.',
      '- ## Night Two: The Lamp',
      `    - ${para('third')}`,
      `    - ${para('fourth')}`,
      '- ---',
      '- end note: thank you for reading!',
    ].join('\n');
    const work = await importWork([file('low-water.md', md)]);
    assert.equal(work.title, 'Low Water');
    assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.text, 'tidewrack');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Stair', 'The Lamp'],
    );
    assert.deepEqual(
      work.chapters.map((c) => c.blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))),
      [
        [para('first'), para('second'), '"Again," she said.'],
        [para('third'), para('fourth')],
      ],
    );
    const list = '# Shopping\n\nShe wrote it down:\n\n- bread\n- milk\n- eggs\n- tea\n- jam\n- salt\n';
    assert.match((await importWork([file('list.md', list)])).chapters[0].html, /<li>bread<\/li>/);
  });

  it('reads a .docx: Title style, headings per chapter, italics', async () => {
    const docx = makeDocx([
      { text: 'The Long Way Home', style: 'Title' },
      { text: 'Departure', style: 'Heading1' },
      { text: 'She left at *dawn*, before anyone woke.' },
      { text: 'Arrival', style: 'Heading1' },
      { text: 'The house was smaller than she remembered.' },
    ]);
    const work = await importWork([{ name: 'home.docx', bytes: docx }]);
    assert.equal(work.title, 'The Long Way Home');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Departure', 'Arrival'],
    );
    assert.match(work.chapters[0].html, /<em>dawn<\/em>/);
  });

  it('reads an EPUB in spine order with its title, description, subjects and language', async () => {
    const epub = makeEpub({
      title: 'Sol in Winter',
      description: 'A winter story. Sequel to "Sol in Summer".',
      language: 'fr',
      subjects: ['Fluff'],
      chapters: [
        '<h1>Chapitre 1</h1><p>La neige tombait sur la ville toute la nuit, et personne ne dormait.</p>',
        '<h1>Chapitre 2</h1><p>Le matin, les rues étaient blanches et silencieuses.</p>',
      ],
    });
    const work = await importWork([{ name: 'sol.epub', bytes: epub }]);
    assert.equal(work.title, 'Sol in Winter');
    assert.equal(work.summary, 'A winter story. Sequel to "Sol in Summer".');
    assert.deepEqual(work.related, [{ relation: 'sequel-of', title: 'Sol in Summer' }]);
    assert.equal(work.language, 'fr');
    assert.deepEqual(work.tags.freeforms, ['Fluff']);
    assert.equal(work.chapters.length, 2);
    assert.match(work.chapters[1].html, /rues étaient blanches/);
  });

  it('takes several files as the chapters of one work, in order', async () => {
    const work = await importWork([
      file('01.txt', 'Title: Two Parts\n\nThe first part of the story is here, and it is long enough.'),
      file('02.txt', 'Chapter 2: After\n\nThe second part follows on.'),
    ]);
    assert.equal(work.title, 'Two Parts');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, 'After'],
    );
    assert.equal(
      work.chapters[1].blocks[0].type === 'paragraph' && work.chapters[1].blocks[0].text,
      'The second part follows on.',
    );
  });

  it('gives one clear error for empty, binary, oversized and broken files', async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty.txt', new Uint8Array(), /empty\.txt: the file is empty/],
      ['blank.txt', new TextEncoder().encode('  \n\n \n'), /no text/],
      ['photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /picture/],
      ['noise.bin', new Uint8Array(5000).map((_, i) => (i * 7919) % 256), /binary/],
      ['broken.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), /cannot be read/],
      ['broken.epub', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), /EPUB cannot be unpacked/],
      ['renamed.docx', new TextEncoder().encode('just text'), /not a real \.docx/],
      ['renamed.rtf', new TextEncoder().encode('just text'), /not a real \.rtf/],
      ['paper.pdf', new TextEncoder().encode('%PDF-1.4 ...'), /PDF files cannot be imported/],
    ];
    for (const [name, bytes, message] of cases) {
      await assert.rejects(
        importWork([{ name, bytes }]),
        (e: unknown) => e instanceof ImportError && message.test(e.message),
        name,
      );
    }
    await assert.rejects(
      importWork([file('big.txt', 'word '.repeat(300))], { maxBytes: 1000 }),
      /big\.txt: the file is 0\.0 MB; the limit is 0 MB/,
    );
  });

  it('reads an old page that declares iso-8859-1 as browsers do: its curly quotes and dashes are Windows-1252', async () => {
    const story =
      '\x93Relax,\x94 she said \x96 and he did. The caf\xe9 was closed, so they walked on to the river and sat there until dark.';
    const page =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>' +
      `<body><h1>Devil\x92s Snare</h1><p>${story}</p><p>${story}</p></body></html>`;
    const work = await importWork([{ name: 'page.html', bytes: Buffer.from(page, 'latin1') }]);
    assert.equal(work.title, 'Devil’s Snare');
    const text = work.chapters[0].blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])).join('\n');
    assert.match(text, /^“Relax,” she said – and he did\. The café was closed/);
    assert.doesNotMatch(text, /[\u0080-\u009f]/);
  });
});

/** Story sites' chapter pages that show the writer's notes in boxes of their own, and readers' comments under them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterBlocks, creatorName, storyParagraphs } from '../../support/imports.ts';

const page = (title: string, body: string) => ({
  name: 'saved.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  ),
});

const STORY = [
  'Die Fähre legte jeden Morgen um sechs ab, und jeden Morgen stand die alte Frau schon am Steg, mit einem Korb voller Äpfel, die niemand je kaufte.',
  '„Heute vielleicht“, sagte sie zum Fährmann, und der Fährmann nickte, wie er seit dreißig Jahren nickte.',
  'Am anderen Ufer stellte sie den Korb auf die Mauer, setzte sich daneben und sah dem Wasser zu, bis die Fähre wieder ablegte.',
];

const HISTORIA = [
  'Na rua de cima, a padaria abria antes de o sol nascer, e o cheiro do pão chegava primeiro à casa da dona Lurdes.',
  '— Hoje eu não compro nada — dizia ela todo dia, já com a bolsa no braço.',
  'E todo dia voltava com dois pães, um sonho e a notícia de quem tinha brigado com quem no ponto de ônibus.',
];

const paragraphs = (lines: string[]) => lines.map((p) => `<p>${p}</p>`).join('\n');

const notesOf = (work: Awaited<ReturnType<typeof importWork>>) =>
  work.preview.pieces.filter((p) => /notes$/.test(p.part)).map((p) => [p.part, p.text]);

describe('a site’s boxes for the writer’s notes', () => {
  it('reads a note box under the site’s label as the note, and the label as no chapter', async () => {
    const body = `<h1 class="titel">Die Äpfel der Fährfrau</h1>
<p class="autor">von <a href="/mitglieder/1">kleiner_kahn</a></p>
<div class="vorwort"><h2>Vorwort zu dieser Fanfic</h2><p>Meine erste Geschichte hier, geschrieben an einem verregneten Sonntag.</p></div>
<div class="kapitel"><h2>Kapitel 1: Die Fähre</h2>
<div class="text">${paragraphs(STORY)}</div></div>`;
    const work = await importWork([page('Die Äpfel der Fährfrau - Fanfic von kleiner_kahn', body)]);
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'Die Fähre');
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.deepEqual(notesOf(work), [
      ['notes', 'Meine erste Geschichte hier, geschrieben an einem verregneten Sonntag.'],
    ]);
  });

  it('reads a chapter’s boxes of beginning and end notes as that chapter’s notes', async () => {
    const body = `<h1>A padaria da rua de cima</h1>
<p class="autor">Escrita por <a href="/usuario/1">sonho_de_padaria</a></p>
<div class="capitulo"><h2 class="titulo-capitulo">Capítulo 1: O pão de cada dia</h2>
<div class="notas notas-iniciais"><h3>Notas iniciais do capítulo</h3><p>Escrevi pensando na minha avó, que nunca saía sem comprar pão.</p></div>
<div class="texto-capitulo">${paragraphs(HISTORIA)}</div>
<div class="notas notas-finais"><h3>Notas finais do capítulo</h3><p>Espero que tenham gostado! Até a próxima.</p></div></div>`;
    const work = await importWork([page('História A padaria da rua de cima - Capítulo 1', body)]);
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'O pão de cada dia');
    assert.deepEqual(storyParagraphs(work), HISTORIA);
    assert.deepEqual(notesOf(work), [
      ['chapter-notes', 'Escrevi pensando na minha avó, que nunca saía sem comprar pão.'],
      ['chapter-end-notes', 'Espero que tenham gostado! Até a próxima.'],
    ]);
  });

  it('keeps a box of the site’s that its class calls a note but whose heading labels no note as it was', async () => {
    const body = `<h1>Die Äpfel der Fährfrau</h1>
<div class="note"><h2>Die Fähre</h2>${paragraphs(STORY)}</div>`;
    const work = await importWork([page('Die Äpfel der Fährfrau', body)]);
    for (const paragraph of STORY) assert.ok(storyParagraphs(work).includes(paragraph), `lost: ${paragraph}`);
    assert.deepEqual(notesOf(work), []);
  });
});

describe('what a site shows under a chapter', () => {
  it('leaves a box for writing a review, which is no form, out of the story and its notes', async () => {
    const body = `<h1>A padaria da rua de cima</h1>
<p class="autor">Escrita por <a href="/usuario/1">sonho_de_padaria</a></p>
<div class="capitulo"><h2>Capítulo 1: O pão de cada dia</h2>
<div class="texto-capitulo">${paragraphs(HISTORIA)}</div></div>
<div class="caixa-review"><h3>O que achou deste capítulo?</h3><p>Deixe um review para incentivar quem escreveu!</p>
<textarea name="review"></textarea><input type="submit" value="Enviar"></div>`;
    const work = await importWork([page('A padaria da rua de cima', body)]);
    assert.deepEqual(storyParagraphs(work), HISTORIA);
    assert.deepEqual(notesOf(work), []);
  });

  it('leaves the readers’ comments out under a heading that counts them for the chapter', async () => {
    const body = `<h1>Die Äpfel der Fährfrau</h1>
<p class="autor">von <a href="/mitglieder/1">kleiner_kahn</a></p>
<div class="kapitel"><h2>Kapitel 1: Die Fähre</h2><div class="text">${paragraphs(STORY)}</div></div>
<div class="leiste"><a href="/favoriten">Zu den Favoriten hinzufügen</a> · <a href="/melden">Melden</a></div>
<div class="kommentare"><h3>Kommentare zu diesem Kapitel (2)</h3>
<div><b>Wellenreiterin</b> 04.05.2012 18:02<p>Die arme Frau! Ich hätte ihr sofort alle Äpfel abgekauft.</p></div>
<div><b>Ankerplatz</b> 05.05.2012 09:40<p>Schön ruhig erzählt, gefällt mir.</p></div></div>`;
    const work = await importWork([page('Die Äpfel der Fährfrau - Fanfic von kleiner_kahn', body)]);
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.deepEqual(notesOf(work), []);
  });
});

const BILLET = [
  'Ce soir-là, la bibliothèque de la ville fermait plus tard que d’habitude, et personne ne remarqua la fillette qui lisait sous l’escalier.',
  '— Tu vas te faire enfermer, lui souffla le vieux gardien en passant, mais il ne la chassa pas.',
  'Quand les lumières s’éteignirent enfin, elle referma son livre, sortit par la fenêtre des archives et disparut sur les toits.',
];

describe('a blog post’s title and disclaimer, as young French writers give them', () => {
  it('leaves which chapters the post holds out of its title', async () => {
    const body = `<div id="blog-header"><h1>plume-de-nuit</h1></div>
<div class="article"><h2 class="article-title">La bibliothèque de nuit - chapitres 1 &amp; 2</h2>
<div class="article-text">${BILLET.join('<br /><br />')}</div></div>`;
    const work = await importWork([
      page('La bibliothèque de nuit - chapitres 1 &amp; 2 - Blog de plume-de-nuit', body),
    ]);
    assert.equal(work.title, 'La bibliothèque de nuit');
  });

  it('reads a title between “xXx” marks as the title', async () => {
    const text = `xXx La bibliothèque de nuit xXx\n\nby plume-de-nuit\n\n${BILLET.join('\n\n')}\n`;
    const work = await importWork([{ name: 'fic.txt', bytes: new TextEncoder().encode(text) }]);
    assert.equal(work.title, 'La bibliothèque de nuit');
  });

  it('reads “… appartient à Georges Chaulet, pas à moi” as the disclaimer, but not a character saying so', async () => {
    const said = '— Ce livre appartient à Paul, pas à moi, dit la fillette.';
    const text = `La bibliothèque de nuit\n\nFantômette appartient à Georges Chaulet, pas à moi.\n\n${[...BILLET, said].join('\n\n')}\n`;
    const work = await importWork([{ name: 'fic.txt', bytes: new TextEncoder().encode(text) }]);
    assert.equal(work.disclaimer, 'Fantômette appartient à Georges Chaulet, pas à moi.');
    assert.deepEqual(storyParagraphs(work), [...BILLET, said]);
  });
});

describe('a blog’s post that holds a story', () => {
  it('leaves the post’s date and buttons out of the story, above many comments', async () => {
    const comments = [
      'super !!',
      'la suite vite stp',
      'jador ta fic',
      'trop bien',
      'merci pour la suite',
      'vivement demain',
    ]
      .map(
        (text, i) =>
          `<div class="comment"><a href="/u${i}">lectrice-${i}</a><p>${text}</p><span class="date">Posté le lundi ${i + 3} mars 2008 18:0${i}</span></div>`,
      )
      .join('\n');
    const body = `<div id="blog-header"><h1>plume-de-nuit</h1></div>
<div class="article"><h2 class="article-title">La bibliothèque de nuit</h2>
<div class="article-text">${BILLET.join('<br /><br />')}</div>
<p class="article-date">Posté le dimanche 2 mars 2008 21:15</p>
<ul class="article-actions"><li><a href="#">Ajouter cet article à ses favoris</a></li><li><a href="#">Commenter</a></li><li><a href="#">Partager</a></li></ul></div>
<div id="comments"><h3>Commentaires (6)</h3>${comments}</div>`;
    const work = await importWork([page('La bibliothèque de nuit - Blog de plume-de-nuit', body)]);
    assert.deepEqual(storyParagraphs(work), BILLET);
  });
});

const SHOTS = [
  'By the third evening the gym smelled of floor wax and effort, and Tanaka had stopped pretending he was only staying to lock up.',
  '“Four hundred and twelve,” said his sister from the bleachers, where she kept count on the back of a receipt.',
  'He shot again. The ball rolled round the rim, thought about it, and dropped through, and neither of them said anything at all.',
];

/** An old archive's chapter page, laid out in tables: the site's bar, then the story's title line, its facts and its chapter menu. */
const archivePage = (facts: string, under = '') =>
  page(
    'AnimeArchive.net :: Fan Fiction :: Late Practice by rimshot',
    `<table id="sitehead"><tr><td><a href="/"><img src="/logo.gif" alt="AnimeArchive.net"></a></td>
<td>Anime Fan Fiction &bull; Fan Art</td><td><a href="/">Home</a> | <a href="/fanfic/">Fan Fiction</a> | <a href="/login">Login</a></td></tr></table>
<table class="storyinfo"><tr><td>
<div class="story-title"><b>Late Practice</b> &#10095; Free Throws ( Chapter 1 )</div>
<div class="story-meta">${facts}</div>
<form>Chapter: <select><option selected>1. Free Throws</option></select></form>
</td></tr></table>
<div id="fictext"><div class="chapter-title">Free Throws</div>
${paragraphs(SHOTS)}</div>
<div class="links"><a href="/review">Review</a> | <a href="/info">Story Info</a> | <a href="/report">Report</a></div>${under}`,
  );

describe('an old archive’s chapter page laid out in tables', () => {
  it('reads the story’s title and the chapter’s from the line naming both, under the site’s bar', async () => {
    const work = await importWork([archivePage('<b>Summary:</b> Free throws after dark.')]);
    assert.equal(work.title, 'Late Practice');
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'Free Throws');
    assert.deepEqual(storyParagraphs(work), SHOTS);
  });

  it('reads the creator from the facts on one line after the rating in brackets', async () => {
    const work = await importWork([
      archivePage(
        '[ <b>G</b> - General ] <b>Author:</b> <a href="/u/1">rimshot</a> | <b>Posted:</b> 03/05/2005 | <b>Words:</b> 1,020',
      ),
    ]);
    assert.equal(creatorName(work), 'rimshot');
  });

  it('leaves the box of readers’ reviews out of the notes', async () => {
    const under = `<div class="reviews"><b>Latest Reviews</b><br><div><a href="/u/2">bench_warmer</a> (03/06/2005): “Four hundred and twelve” LOL. so good.</div></div>`;
    const work = await importWork([archivePage('<b>Summary:</b> Free throws after dark.', under)]);
    assert.deepEqual(notesOf(work), []);
    assert.deepEqual(storyParagraphs(work), SHOTS);
  });

  it('reads a post tagged “reviews”, or a page whose wrapper is named so, as the story', async () => {
    const post = `<article class="post type-post category-fic tag-reviews"><h1 class="entry-title">Late Practice</h1><div class="post-body">${paragraphs(SHOTS)}</div></article>`;
    const wrapped = `<div class="story-reviews-wrap"><h1>Late Practice</h1>${paragraphs(SHOTS)}<h3>Reviews</h3><p>great!</p></div>`;
    for (const body of [post, wrapped]) {
      const work = await importWork([page('Late Practice – Fic and Reviews', body)]);
      assert.equal(work.title, 'Late Practice');
      assert.deepEqual(storyParagraphs(work).slice(0, 3), SHOTS);
    }
  });
});

describe('a site’s listings in a story’s page', () => {
  it('leaves the links to a post’s tags under the story out of it and out of the notes', async () => {
    const body = `<div id="content"><div class="post"><h1>Late Practice</h1><p class="byline">by rimshot</p>
<div class="post-body">${paragraphs(SHOTS)}</div>
<div class="post-tags"><a href="/tagged/basketball">#basketball</a> <a href="/tagged/siblings">#siblings</a> <a href="/tagged/my%20fic">#my fic</a> <a href="/tagged/haikyuu">#haikyuu</a></div>
<div class="post-footer">58 notes · Reblog · Like</div></div></div>`;
    const work = await importWork([page('Late Practice', body)]);
    assert.deepEqual(storyParagraphs(work), SHOTS);
    assert.deepEqual(notesOf(work), []);
  });
});

describe('a story site’s page of one chapter', () => {
  it('reads the heading over where the chapter stands among the work’s as the chapter’s title', async () => {
    const body = `<div id="content"><div class="storyHeader"><h1>Late Practice</h1><div class="author">by <a href="/rimshot">rimshot</a></div></div>
<div id="toc"><b>Table of Contents</b><ol><li><a href="/story/1/Late-Practice/1">Free Throws</a></li></ol></div>
<div id="chapter"><h2 class="chTitle">Free Throws</h2><div class="chMeta">Chapter 1 of 1 · 1,020 words</div>
<div class="text">${paragraphs(SHOTS)}</div></div></div>`;
    const work = await importWork([page('Late Practice | Stories', body)]);
    assert.equal(work.title, 'Late Practice');
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'Free Throws');
    assert.deepEqual(storyParagraphs(work), SHOTS);
  });

  it('keeps the work’s title over the writer’s own “Part 1 of 3” (its place in a series), with no site’s count', async () => {
    const body = `<div id="content"><h1>Late Practice</h1><p>Part 1 of 3</p>${paragraphs(SHOTS)}</div>`;
    const work = await importWork([page('Late Practice', body)]);
    assert.equal(work.title, 'Late Practice');
    assert.equal(work.chapters[0].title, null);
    assert.deepEqual(storyParagraphs(work), SHOTS);
  });
});

describe('parts headed only by their place, in Italian', () => {
  it('reads “Prima parte” and “Seconda parte” as headings without a title', async () => {
    const prima = [
      'La biblioteca apriva alle nove, ma Lila era sulla soglia già alle otto e mezza, con la tessera stretta in mano come un biglietto del treno.',
    ];
    const seconda = [
      'Il libro che voleva non c’era, e la bibliotecaria le disse di tornare la settimana dopo, e lei tornò ogni giorno fino a sabato.',
    ];
    const body = `<article><h1>La tessera</h1><h3>Prima parte</h3>${paragraphs(prima)}<h3>Seconda parte</h3>${paragraphs(seconda)}</article>`;
    const work = await importWork([page('La tessera – Telegraph', body)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyParagraphs(work), [...prima, ...seconda]);
  });
});

describe('an otwarchive work page', () => {
  it('reads a chapter’s notes in a preface of their own under its heading as that chapter’s notes', async () => {
    const chapter = (n: number, title: string, lines: string[], notes = '') =>
      `<div class="chapter" id="chapter-${n}"><div class="chapter preface group"><h3 class="title"><a href="/works/1/chapters/${n}">Chapter ${n}</a>: ${title}</h3></div>${notes}
<div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3>${paragraphs(lines)}</div></div>`;
    const notes = `<div class="chapter preface group"><div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Thank you all for the comments on the first one!</p></blockquote></div></div>`;
    const body = `<div id="workskin"><div class="preface group"><h2 class="title heading">Late Practice</h2><h3 class="byline heading"><a rel="author" href="/users/rimshot">rimshot</a></h3></div>
<div id="chapters">${chapter(1, 'Free Throws', SHOTS.slice(0, 2))}${chapter(2, 'Lights Out', SHOTS.slice(2), notes)}</div></div>`;
    const work = await importWork([page('Late Practice - rimshot - Basketball [Archive]', body)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Free Throws', 'Lights Out'],
    );
    assert.deepEqual(notesOf(work), [['chapter-notes', 'Thank you all for the comments on the first one!']]);
    assert.deepEqual(storyParagraphs(work), SHOTS);
  });

  it('reads a paragraph of the work’s notes that says the characters are not the writer’s as the disclaimer', async () => {
    const body = `<div id="workskin"><div class="preface group"><h2 class="title heading">Late Practice</h2><h3 class="byline heading"><a rel="author" href="/users/rimshot">rimshot</a></h3>
<div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Written for the summer exchange, thanks to my beta!</p><p>Haikyuu isn’t mine, sadly.</p></blockquote></div></div>
<div id="chapters"><div class="userstuff">${paragraphs(SHOTS)}</div></div></div>`;
    const work = await importWork([page('Late Practice - rimshot - Basketball [Archive]', body)]);
    assert.equal(work.disclaimer, 'Haikyuu isn’t mine, sadly.');
    assert.deepEqual(notesOf(work), [['notes', 'Written for the summer exchange, thanks to my beta!']]);
    assert.deepEqual(storyParagraphs(work), SHOTS);
  });

  it('keeps what the work’s box holds besides its preface and chapters, such as end notes outside their afterword', async () => {
    const body = `<div id="workskin"><div class="preface group"><h2 class="title heading">Late Practice</h2><h3 class="byline heading"><a rel="author" href="/users/rimshot">rimshot</a></h3></div>
<div id="chapters"><div class="userstuff">${paragraphs(SHOTS)}</div></div>
<div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Thanks for reading, the sequel is half written.</p></blockquote></div></div>`;
    const work = await importWork([page('Late Practice - rimshot - Basketball [Archive]', body)]);
    assert.deepEqual(storyParagraphs(work), SHOTS);
    assert.ok(
      notesOf(work).some(([, text]) => text === 'Thanks for reading, the sequel is half written.'),
      JSON.stringify(notesOf(work)),
    );
  });
});

describe('a FanFiction.Net writer’s scene break', () => {
  it('reads “~o~” alone on its line as a scene break', async () => {
    const text = `Late Practice\n\n${SHOTS[0]}\n\n~o~\n\n${SHOTS[1]}\n\n${SHOTS[2]}\n`;
    const work = await importWork([{ name: 'fic.txt', bytes: new TextEncoder().encode(text) }]);
    assert.deepEqual(chapterBlocks(work, 0, '***'), [SHOTS[0], '***', SHOTS[1], SHOTS[2]]);
  });
});

describe('a story site’s buttons', () => {
  it('leaves “Upvote” among the page’s buttons out of the story', async () => {
    const body = `<div class="navbar"><a href="/">Home</a> <a href="/browse">Browse</a></div>
<h1 id="story-title"><a href="/story/1">Late Practice</a></h1><p>Author: <a href="/u/rimshot">rimshot</a></p>
<h2 class="chapter-title">Late Practice</h2>
<div id="user-text">${paragraphs(SHOTS)}</div>
<p>Upvote · Subscribe · Comment</p>`;
    const work = await importWork([page('Late Practice - basketball oneshot - Fanfics', body)]);
    assert.equal(work.title, 'Late Practice');
    assert.deepEqual(storyParagraphs(work), SHOTS);
  });
});

describe('boxes that only look like note boxes', () => {
  it('keeps a story whose title starts like a label (“An …”) in a box named “note”', async () => {
    const body = `<div class="note"><h1>An Ordinary Morning</h1>${paragraphs(STORY)}</div>`;
    const work = await importWork([page('An Ordinary Morning', body)]);
    assert.equal(work.title, 'An Ordinary Morning');
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});

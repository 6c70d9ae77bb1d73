/**
 * Import time of hostile input: files shaped to make a pattern backtrack (a long run of spaces, of one
 * letter, of digits, of "* ", a line without punctuation, thousands of short lines, HTML nested
 * thousands deep). Each shape is imported at the given size and at twice it; a time that grows more
 * than about twice (the last column) is super-linear, and an upload in that shape ties up an import
 * worker for as long as it takes.
 *
 * A run of one character is tried two ways: inside a line of story ("She said" + run + "and left.")
 * and as a line of its own between two paragraphs. Imports run in the archive's import worker with
 * the given time cap, so a shape that takes longer shows as "> cap" instead of hanging the bench.
 * Run: node --import tsx bench/import-pathological.ts [--kb 200] [--cap 30] [--only spaces,tabs]
 *      (in a worktree of another commit to compare; the median of --runs imports, 1 by default)
 */
import { parseArgs } from 'node:util';
import { ImportError, ImportWorkers } from '../src/text/import/index.ts';
import type { ImportFile } from '../src/text/import/index.ts';

const { values } = parseArgs({
  options: {
    kb: { type: 'string', default: '200' },
    cap: { type: 'string', default: '30' },
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const kb = Number(values.kb);
const capSeconds = Number(values.cap);
const runs = Number(values.runs);
const only = values.only?.split(',');

/** A run of `unit` repeated to `size` characters. */
const run = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const story = (body: string) =>
  `The Lighthouse\n\nby harbour_owl\n\nShe waited at the window until the boats came in.\n\n${body}\n\nThe tide came in, and the keeper counted the ships.\n`;

const WORDS = ['harbour', 'keeper', 'gull', 'tide', 'lantern', 'she', 'waited', 'and', 'the', 'boats', 'came', 'in'];

type Shape = { name: string; file: (size: number) => ImportFile };
const text = (name: string, body: (size: number) => string): Shape => ({
  name,
  file: (size) => ({ name: 'story.txt', bytes: new TextEncoder().encode(story(body(size))) }),
});
const markdown = (name: string, body: (size: number) => string): Shape => ({
  name,
  file: (size) => ({ name: 'story.md', bytes: new TextEncoder().encode(story(body(size))) }),
});
const mail = (name: string, body: (size: number) => string): Shape => ({
  name,
  file: (size) => ({
    name: 'story.eml',
    bytes: new TextEncoder().encode(
      `From: harbour_owl <owl@example.org>\r\nTo: fic@example.org\r\nSubject: The Lighthouse\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body(size)}\r\n`,
    ),
  }),
});
const html = (name: string, page: (size: number) => string): Shape => ({
  name,
  file: (size) => ({ name: 'story.html', bytes: new TextEncoder().encode(page(size)) }),
});

const runs1: [string, string][] = [
  ['spaces', ' '],
  ['tabs', '\t'],
  ['no-break spaces', '\u00A0'],
  ['one letter', 'a'],
  ['digits', '0123456789'],
  ['"* "', '* '],
  ['"."', '.'],
  ['"-"', '-'],
  ['"="', '='],
  ['mixed whitespace', ' \t\u00A0 \u2009\u3000'],
];

const SHAPES: Shape[] = [
  ...runs1.flatMap(([name, unit]): Shape[] => [
    text(`${name} inside a line`, (size) => `She said${run(unit, size)}and left.`),
    text(`${name}, a line of its own`, (size) => run(unit, size)),
  ]),
  text('one line of words, no punctuation', (size) =>
    run(Array.from({ length: 997 }, (_, i) => WORDS[(i * 7) % WORDS.length]).join(' ') + ' ', size).trim(),
  ),
  text('one-word lines (size/10 of them)', (size) =>
    Array.from({ length: Math.round(size / 10) }, (_, i) => WORDS[i % WORDS.length]).join('\n'),
  ),
  text('"Chapter N" lines, blank lines between (size/10)', (size) =>
    Array.from({ length: Math.round(size / 10) }, (_, i) => `Chapter ${i + 1}`).join('\n\n'),
  ),
  text('"a " pairs (size/2)', (size) => run('a ', size)),
  text('blank lines (a run of line breaks)', (size) => run('\n', size)),
  text(
    'a header of labelled fields on one line, "Author: b" again and again (size/10 of them)',
    (size) => `Title: a ${'Author: b '.repeat(Math.round(size / 10))}`,
  ),
  text('ideographic spaces inside a line', (size) => `She said${run('\u3000', size)}and left.`),
  text('words 120 spaces apart', (size) => run(`${' '.repeat(120)}keeper`, size)),
  markdown('Markdown: spaces inside a line', (size) => `She said${run(' ', size)}and left.`),
  markdown('Markdown: "* " inside a line', (size) => `She said ${run('* ', size)}and left.`),
  markdown('Markdown: ">" nested (size/2 deep)', (size) => `${run('>', size / 2)} She said.`),
  markdown('Markdown: a list indented 2 more a line', (size) =>
    Array.from({ length: Math.round(Math.sqrt(size)) }, (_, i) => `${' '.repeat(2 * i)}- keeper`).join('\n'),
  ),
  markdown('Markdown: "<aside>" lines never closed (size/10 of them)', (size) =>
    Array.from({ length: Math.round(size / 10) }, () => '<aside>\nx').join('\n'),
  ),
  text('a "Contents" list again and again (size/30 of them)', (size) =>
    Array.from({ length: Math.round(size / 30) }, (_, i) => `Contents\nPreface\nAlpha${i}\nBeta${i}`).join('\n\n'),
  ),
  text('a story quoted with "> ", wrapped at 68 (size/40 lines)', (size) =>
    Array.from({ length: Math.round(size / 40) }, (_, i) =>
      i % 5 === 4 ? '>' : `> ${WORDS[i % WORDS.length]} and the boats came in again`,
    ).join('\n'),
  ),
  text('a chat copied with the name over each message and "You" (size/20 messages)', (size) =>
    Array.from(
      { length: Math.round(size / 20) },
      (_, i) => `${i % 3 === 0 ? 'You' : 'Ana Ruiz'}\n${WORDS[i % WORDS.length]} said.`,
    ).join('\n'),
  ),
  mail('mail: one quoted-printable paragraph, soft-wrapped at 76 (size long)', (size) =>
    (run('She waited and the boats came in=E2=80=99 ', size).match(/.{1,75}/g) ?? []).join('=\r\n'),
  ),
  html('<div> nested (size/40 deep)', (size) => {
    const depth = Math.round(size / 40);
    return `<html><head><title>The Lighthouse</title></head><body>${'<div>'.repeat(depth)}<p>She waited.</p>${'</div>'.repeat(depth)}</body></html>`;
  }),
  html('HTML page of unclosed <p><font>s (size/40 of them)', (size) =>
    [
      '<html><head><title>The Lighthouse</title></head><body><h1>The Lighthouse</h1>',
      ...Array.from({ length: Math.round(size / 40) }, (_, i) => `<p><font size="2">${WORDS[i % WORDS.length]}`),
      '</body></html>',
    ].join('\n'),
  ),
  html(
    'HTML, a <span/> after each word (size/10 of them)',
    (size) =>
      `<html><body><p>${Array.from({ length: Math.round(size / 10) }, (_, i) => `${WORDS[i % WORDS.length]} <span/>`).join('')}</p></body></html>`,
  ),
  html(
    'HTML, words in <span>s straight in the body, no paragraph (size/16 of them)',
    (size) =>
      `<html><body><p>She waited.</p>${Array.from({ length: Math.round(size / 16) }, (_, i) => `<span>${WORDS[i % WORDS.length]}</span> `).join('')}</body></html>`,
  ),
  html('HTML, a one-paragraph <article> and sentences outside it (size/70 of them)', (size) =>
    [
      '<html><head><title>The Lighthouse</title></head><body><article class="entry-content"><p>She waited.</p></article>',
      ...Array.from(
        { length: Math.round(size / 70) },
        (_, i) => `<p>She waited by the lantern and the boats came in, ${i}.</p>`,
      ),
      '</body></html>',
    ].join('\n'),
  ),
  html('HTML page of <p>s (size/4 of them)', (size) =>
    [
      '<html><head><title>The Lighthouse</title></head><body><h1>The Lighthouse</h1>',
      ...Array.from({ length: Math.round(size / 4) }, (_, i) => `<p>${WORDS[i % WORDS.length]}</p>`),
      '</body></html>',
    ].join('\n'),
  ),
  html("a board's topic of posts, each a row with its poster's card (size/300 of them)", (size) =>
    [
      '<html><head><title>The Lighthouse | Harbour Forum</title></head><body><table class="list">',
      ...Array.from(
        { length: Math.round(size / 300) },
        (_, i) =>
          `<tr><td class="mini-profile"><a class="user-link">${i % 3 === 0 ? 'lamp_oil' : `reader_${i}`}</a><div class="posts">Posts: ${i}</div></td><td class="content"><div class="date">Posted on Jun 14, 2019 at 9:12pm</div><div class="message">${WORDS.join(' ')}.<br><br>${WORDS.join(' ')}.</div></td></tr>`,
      ),
      '</table></body></html>',
    ].join('\n'),
  ),
  html('HTML title and heading "Title ~ Name x " and one word (size long)', (size) => {
    const title = `Salt and Honey ~ Newt x ${run('a', size)}!`;
    return `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>by harbour_owl</p><p>She waited.</p></body></html>`;
  }),
  html('HTML, spaces inside a <p>', (size) => `<html><body><p>She said${run(' ', size)}and left.</p></body></html>`),
  html(
    'HTML, a paragraph of x’s (size long) outside the story’s box',
    (size) =>
      `<html><body><div class="entry"><div class="entry-content"><p>She waited at the window until the boats came in.</p><p>The tide came in, and the keeper counted the ships.</p></div></div><div class="about"><p>${run('x', size)} y</p></div></body></html>`,
  ),
  html(
    'HTML, line breaks between the paragraphs of a <pre> of prose',
    (size) =>
      `<html><body><pre>She waited at the window.\n\nThe boats came in.${run('\n', size)}She left.</pre></body></html>`,
  ),
];

const workers = new ImportWorkers({
  timeoutMs: capSeconds * 1000,
  memoryMb: 768,
  threads: 1,
  waitMs: capSeconds * 1000,
});
const known = { fandoms: [], characters: [] };

const warm = { name: 'warm.txt', bytes: new TextEncoder().encode(story('She said it twice.')) };

/** Why a shape was not read: the archive refused it, or failed. */
const refusals = new Set<string>();

/** Seconds for one import, or Infinity when the cap stopped it (and a fresh worker is started). */
async function seconds(file: ImportFile): Promise<number> {
  const start = performance.now();
  try {
    await workers.importWork([file], known);
  } catch (error) {
    // Anything but an ImportError reaches the writer as a server error.
    if (!(error instanceof ImportError)) {
      refusals.add(`server error: ${(error as Error).message.split('\n')[0]}`);
      return (performance.now() - start) / 1000;
    }
    if (!/longer than/.test(error.message)) {
      refusals.add(`refused: ${error.message.replace(/^[^:]*: /, '')}`);
      return (performance.now() - start) / 1000;
    }
    // The stopped worker is gone; its successor compiles the importer before the next shape is timed.
    await workers.importWork([warm], known);
    return Infinity;
  }
  return (performance.now() - start) / 1000;
}

async function median(file: ImportFile): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await seconds(file));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// The first import starts the worker and compiles the importer: not counted.
await seconds(warm);

const size = kb * 1000;
const shown = (s: number) => (s === Infinity ? `> ${capSeconds}` : s.toFixed(2));
console.log(`shape | ${kb} KB (s) | ${2 * kb} KB (s) | ×`);
for (const shape of SHAPES) {
  if (only && !only.some((o) => shape.name.includes(o))) continue;
  const once = await median(shape.file(size));
  const twice = once === Infinity ? Infinity : await median(shape.file(2 * size));
  const ratio = once === Infinity || twice === Infinity ? '–' : (twice / Math.max(once, 0.01)).toFixed(1);
  console.log(
    `${shape.name} | ${shown(once)} | ${shown(twice)} | ${ratio}${[...refusals].map((r) => ` (${r})`).join('')}`,
  );
  refusals.clear();
}
await workers.close();

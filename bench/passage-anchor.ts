// What re-anchoring passage comments adds to saving a chapter (src/store/comments.ts
// reanchorPassageComments, run inside WorkStore.updateChapter's transaction), and what the pure rule
// costs (src/domain/passage-anchor.ts reanchor) when a comment's passage is gone and every paragraph
// is compared with it.
//
//   node --import tsx bench/passage-anchor.ts [--paragraphs N] [--saves N]
//
// An in-memory SQLite archive: one work whose chapter has --paragraphs paragraphs (default 400,
// about 24,000 words), saved --saves times (default 30) each with 0, 100 and 1,000 passage comments
// spread over its paragraphs. Each save inserts a paragraph at the top and changes a word in
// paragraph 200 (so every comment moves, one by similarity), then the next save undoes it.
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/index.ts';
import { validateWork } from '../src/domain/works.ts';
import { ChapterParagraphs, reanchor } from '../src/domain/passage-anchor.ts';
import { paragraphTexts } from '../src/text/paragraph-text.ts';
import { chapterContent, workInput } from '../test/support/works.ts';

const { values } = parseArgs({ options: { paragraphs: { type: 'string' }, saves: { type: 'string' } } });
const paragraphCount = Number(values.paragraphs ?? 400);
const saves = Number(values.saves ?? 30);

const sentence = (i: number) =>
  `Paragraph ${i}: the tide came in over the flats near marker ${i * 7} and went out again, as it always had, ` +
  `while the keeper counted boats (${i % 13} today) and wrote each one down in the log by the lamp.`;
const original = Array.from({ length: paragraphCount }, (_, i) => sentence(i + 1));
const edited = ['A new opening line.', ...original];
edited[200] = edited[200].replace('counted', 'tallied');
const text = (paragraphs: string[]) => paragraphs.join('\n\n');

const store = await openStore({ sqlitePath: ':memory:' });
const user = await store.users.create({ login: 'keeper', email: 'keeper@example.org', passwordHash: 'h' });
const pseudId = (await store.pseuds.listForUser(user.id))[0].id;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}

console.log(`${paragraphCount} paragraphs, ${saves} saves each`);
console.log('| passage comments | chapter save median | p95 |');
console.log('|---:|---:|---:|');
for (const comments of [0, 100, 1000]) {
  const workId = await store.works.create({
    fields: validateWork(workInput({ title: `Bench ${comments}` })),
    chapter: chapterContent(text(original)),
    creatorPseudIds: [pseudId],
  });
  const [chapter] = await store.works.chaptersOf(workId);
  const texts = paragraphTexts((await store.works.chapter(workId, chapter.id))!.body);
  for (let i = 0; i < comments; i++) {
    const paragraph = (i % paragraphCount) + 1;
    await store.comments.post(
      {
        workId,
        chapterId: chapter.id,
        parentId: null,
        userId: user.id,
        pseudId,
        guestName: null,
        guestEmail: null,
        body: `<p>Comment ${i}</p>`,
        status: 'published',
        addressKey: null,
        passage: { paragraph, text: texts[paragraph - 1], quote: null },
      },
      { title: 'Bench', creatorUserIds: [] },
    );
  }
  const bodies = [chapterContent(text(edited)), chapterContent(text(original))];
  const samples: number[] = [];
  for (let i = 0; i < saves; i++) {
    const started = performance.now();
    await store.works.updateChapter(workId, chapter.id, bodies[i % 2], false);
    samples.push(performance.now() - started);
  }
  console.log(
    `| ${comments.toLocaleString('en')} | ${median(samples).toFixed(1)} ms | ${p95(samples).toFixed(1)} ms |`,
  );
}

// The pure rule's worst case: the passage is gone, so every paragraph is compared with it; once
// with the chapter prepared for each comment (a lone call), once prepared for all (as a save does).
const gone = {
  paragraph: 3,
  text: 'Nothing like any paragraph of this chapter at all, not one word.',
  quote: 'not here',
};
const rounds = 200;
let started = performance.now();
for (let i = 0; i < rounds; i++) reanchor(gone, original);
const lone = (performance.now() - started) / rounds;
const prepared = new ChapterParagraphs(original);
reanchor(gone, prepared);
started = performance.now();
for (let i = 0; i < rounds; i++) reanchor(gone, prepared);
const shared = (performance.now() - started) / rounds;
console.log(
  `reanchor, passage gone, ${paragraphCount} paragraphs compared: ${lone.toFixed(3)} ms alone, ${shared.toFixed(3)} ms a comment with the chapter prepared once`,
);
await store.close();

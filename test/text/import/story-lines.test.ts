/** A story's own lines that only look like a writer's note or a chapter heading stay the story's. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { storyParagraphs, textFile } from '../../support/imports.ts';

const RAIN =
  'The rain had not stopped for three days, and Mara was beginning to think it never would. She stood at the window with a cup of tea going cold in her hands, watching the grey sea heave itself against the rocks below.';
const story = (last: string) => ['The Lighthouse', 'by marawrites', RAIN, RAIN, RAIN, last].join('\n\n');

describe('a story’s last line that starts like a writer’s edit note', () => {
  for (const last of [
    'Edit fixed the typos in Mara’s letter before she sealed it. Then the two of them walked down to the post office together.',
    'Updated the ledger to correct the count, Mara closed the book and blew out the lamp.',
  ])
    it(`keeps “${last.slice(0, 30)}…” in the story`, async () => {
      const work = await importWork([textFile('lighthouse.txt', story(last))]);
      assert.equal(work.notes.end, null);
      assert.deepEqual(storyParagraphs(work), [RAIN, RAIN, RAIN, last]);
    });

  for (const note of [
    'Edited 5 Oct to fix the timeline, thanks to the anon who pointed it out!',
    'Edit 2: fixed a typo, thanks u/Cypher_Did_Nothing_Wrong',
  ])
    it(`still sets apart the writer’s “${note.slice(0, 20)}…” line`, async () => {
      const work = await importWork([textFile('lighthouse.txt', story(note))]);
      assert.equal(work.notes.end, note);
    });
});

describe('Korean narration that says where something leads', () => {
  it('keeps “복도는 어두운 정원으로 이어집니다” in the story', async () => {
    const rain =
      '비는 사흘째 그치지 않았습니다. 마라는 등대 창가에 서서 식어 가는 차를 손에 들고, 회색 바다가 바위에 부딪히는 것을 바라보았습니다.';
    const last = '문을 열자 좁은 복도가 나타났습니다. 복도는 어두운 정원으로 이어집니다.';
    const work = await importWork([textFile('deungdae.txt', ['등대', rain, rain, rain, last].join('\n\n'))]);
    assert.equal(work.notes.end, null);
    assert.equal(storyParagraphs(work).at(-1), last);
  });
});

describe('“Act” inside running text', () => {
  it('does not cut a story pasted as one paragraph at “the Riot Act I swear”', async () => {
    const line = `${RAIN} She read him the Riot Act I swear she did, and he only laughed. ${RAIN} The Licensing Act 2 years ago had closed the inn. ${RAIN}`;
    const work = await importWork([textFile('lighthouse.txt', ['The Lighthouse', 'by marawrites', line].join('\n\n'))]);
    assert.equal(work.chapters.length, 1);
    assert.ok(storyParagraphs(work).join(' ').includes('the Riot Act I swear she did'));
  });
});

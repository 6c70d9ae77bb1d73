import { it } from 'node:test';
import assert from 'node:assert/strict';
import { digestMail } from '../../src/jobs/digest-mail.tsx';
import type { Notice } from '../../src/store/index.ts';

const notice = (fields: Partial<Notice>): Notice => ({
  id: 1,
  kind: 'gift',
  message: '',
  workId: null,
  chapterId: null,
  commentId: null,
  link: null,
  read: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

it('a digest links a gift to the work and an invitation to where it is answered', () => {
  const mail = digestMail(
    { archiveName: 'Quire', baseUrl: 'https://archive.example.org' },
    {
      userId: 2,
      login: 'bob',
      email: 'bob@example.org',
      more: 0,
      notices: [
        notice({ kind: 'gift', message: 'alice gave bob a gift: For You.', workId: 7 }),
        notice({
          id: 2,
          kind: 'co-creator-invitation',
          message: 'alice invited bob to co-create Two Hands.',
          workId: 8,
        }),
        // Withheld (the work is no longer readable): no link, no way to answer.
        notice({ id: 3, kind: 'co-creator-invitation', message: 'A work you were invited to is no longer available.' }),
      ],
    },
  );
  assert.match(mail.text, /\* alice gave bob a gift: For You\.\n {2}https:\/\/archive\.example\.org\/works\/7\n/);
  assert.match(
    mail.text,
    /\* alice invited bob to co-create Two Hands\.\n {2}https:\/\/archive\.example\.org\/works\/8\n {2}Accept or decline: https:\/\/archive\.example\.org\/invitations\n/,
  );
  assert.match(mail.text, /\* A work you were invited to is no longer available\.\n\n/);
  assert.match(mail.html, /<a href="https:\/\/archive\.example\.org\/invitations">Accept or decline<\/a>/);
  assert.equal(mail.html.match(/Accept or decline/g)?.length, 1);
});

it('a digest links a gift exchange assignment to the page that shows it', () => {
  const mail = digestMail(
    { archiveName: 'Quire', baseUrl: 'https://archive.example.org' },
    {
      userId: 2,
      login: 'bob',
      email: 'bob@example.org',
      more: 0,
      notices: [
        notice({
          kind: 'gift-exchange',
          message: 'Your assignment in Yule Swap: write a gift for cedar.',
          link: '/collections/yule_swap/assignments/mine',
        }),
      ],
    },
  );
  assert.match(
    mail.text,
    /\* Your assignment in Yule Swap: write a gift for cedar\.\n {2}https:\/\/archive\.example\.org\/collections\/yule_swap\/assignments\/mine\n/,
  );
  assert.match(mail.html, /href="https:\/\/archive\.example\.org\/collections\/yule_swap\/assignments\/mine"/);
});

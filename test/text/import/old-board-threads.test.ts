/**
 * An old hosted message board's thread page (Network54's, Boardhost's): posts between rules, each
 * opening with its bold subject and "Posted by NAME on DATE", the writer's later parts as replies.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName as creator, storyParagraphs, textFile } from '../../support/imports.ts';

const ONE = [
  'The ferryman had carried the same passengers across the river every morning for twenty years, and he knew them all by their boots.',
  'There was the miller with his floury hobnails, and the schoolmistress with her buttoned pair, and the boy who never wore any at all.',
];
const TWO = [
  'On the first day of the frost the boy came down to the landing with boots on, new ones, far too big, laced with string.',
  'The ferryman said nothing about them, but he rowed a little slower that morning, so the boy would have longer to look at them.',
];

const post = (subject: string, poster: string, date: string, body: string[]) =>
  `<b>${subject}</b><br>\n<font size="2">Posted by <b>${poster}</b> on ${date}</font><br><br>\n${body.join('<br>\n<br>\n')}<br><br>\n<hr>\n`;

const page = (posts: string) =>
  textFile(
    'thread.html',
    `<html><head><title>The Ferryman - river fic (2 parts) - The Landing Stage Message Board</title></head><body>
<center><font size="4"><b>The Landing Stage Message Board</b></font><br><a href="#">[ Post Message ]</a> <a href="#">[ Search ]</a><br><font size="1">Free message boards by Boardhost.com</font></center><hr>
${posts}<ul><li><a href="#">Re: The Ferryman</a> -- Oar Lady, 3/2/2004, 9:10 pm</li></ul>
</body></html>`,
  );

describe('an old message board’s thread: the posts’ subjects and “Posted by” lines, no boxes', () => {
  it('reads the writer’s later post named “part 2” as the second part, a reader’s post as a reply, the board’s lines apart', async () => {
    const work = await importWork([
      page(
        post('The Ferryman - river fic (2 parts)', 'Long Oar', '3/1/2004, 10:31 pm', [...ONE, '[to be continued]']) +
          post('Re: The Ferryman', 'Oar Lady', '3/2/2004, 8:00 am', ['Oh, the boots! I love him already.']) +
          post('Re: The Ferryman - part 2 (end)', 'Long Oar', '3/2/2004, 8:02 pm', TWO),
      ),
    ]);
    assert.equal(work.title, 'The Ferryman');
    assert.equal(creator(work), 'Long Oar');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [...ONE, ...TWO]);
    const reply = work.preview.pieces.find((p) => p.text.includes('I love him already'));
    assert.equal(reply?.part, 'metadata');
    const banner = work.preview.pieces.find((p) => p.text.includes('Landing Stage Message Board'));
    assert.equal(banner?.part, 'metadata');
  });

  it('leaves a later post with its own part heading headed by that, and one post alone as it was', async () => {
    const headed = await importWork([
      page(
        post('The Ferryman', 'Long Oar', '3/1/2004, 10:31 pm', ['Part 1', ...ONE]) +
          post('Re: The Ferryman - part 2', 'Long Oar', '3/2/2004, 8:02 pm', ['Part 2', ...TWO]),
      ),
    ]);
    assert.equal(headed.chapters.length, 2);
    assert.deepEqual(storyParagraphs(headed), [...ONE, ...TWO]);
    const alone = await importWork([page(post('The Ferryman', 'Long Oar', '3/1/2004, 10:31 pm', [...ONE, ...TWO]))]);
    assert.equal(alone.chapters.length, 1);
    assert.ok(storyParagraphs(alone).join(' ').includes(ONE[0]));
  });
});

describe('a Flarum discussion: each post an <article class="Post"> under its “PostUser-name”', () => {
  it('names the writer from the first post and sets a reader’s post and the “Like Reply” buttons apart', async () => {
    const article = (name: string, body: string[]) =>
      `<article class="Post"><header><h3 class="PostUser-name">${name}</h3><time>Mar 3, 2016</time></header><div class="Post-body">${body.map((p) => `<p>${p}</p>`).join('')}</div><ul class="Post-actions"><li>Like</li><li>Reply</li></ul></article>`;
    const html = `<!DOCTYPE html><html><head><title>[Fic] The Ferryman (G, 2 parts) - River Forum</title></head><body>
<header class="App-header"><a href="/">River Forum</a> <a href="#">Log In</a></header>
<h2 class="DiscussionHero-title">[Fic] The Ferryman (G, 2 parts)</h2>
${article('long_oar', ['<strong>1. Boots</strong>', ...ONE])}${article('oar_lady', ['oh the boots!!! I love him already'])}${article('long_oar', ['<strong>2. Frost</strong>', ...TWO])}
<footer>Powered by Flarum</footer></body></html>`;
    const work = await importWork([textFile('discussion.html', html)]);
    assert.equal(creator(work), 'long_oar');
    assert.deepEqual(storyParagraphs(work), [...ONE, ...TWO]);
  });
});

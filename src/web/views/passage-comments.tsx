/** Comments on a passage: the marks beside paragraphs, the quote a comment shows, and a passage's own page. */
import { Layout, type PageContext } from './layout.tsx';
import { COMMENT_SCRIPTS, CommentsSection } from './comments.tsx';
import type { CommentsView, PassageTarget } from '../../app/comments.ts';
import type { Comment, Work } from '../../store/index.ts';
import { chapterPath, passageCommentsPath, workPath } from '../../paths.ts';
import { paragraphAnchor } from '../../domain/reading-progress.ts';
import { isolateBidi } from '../../text/bidi.ts';

/** The script that offers "Comment on this passage" for a selection in the text. */
export const PASSAGE_COMMENTS_SCRIPT = '/static/passage-comments.js';

const QUOTE_SHOWN = 300;
const PARAGRAPH_SHOWN = 140;

function shortened(text: string, length = QUOTE_SHOWN): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length).join('').trimEnd()}…`;
}

/**
 * Under a passage comment (the top of its thread): the passage it is about, linked to its
 * paragraph; or, once that passage left the chapter, what it quoted.
 */
export function PassageQuote({ comment }: { comment: Comment }) {
  const passage = comment.passage;
  if (!passage || comment.parentId !== null || comment.deleted) return null;
  // A sentence chosen is shown whole (up to a point); a whole paragraph, by its start.
  const quoted = passage.quote !== null ? shortened(passage.quote) : shortened(passage.text, PARAGRAPH_SHOWN);
  if (passage.paragraph === null || comment.chapterId === null)
    return (
      <p class="comment__passage comment__passage--gone meta">
        Quoting a passage no longer in the chapter:{' '}
        <q dir="auto">
          <bdi>{quoted}</bdi>
        </q>
      </p>
    );
  return (
    <p class="comment__passage meta">
      <a href={`${chapterPath(comment.workId, comment.chapterId)}#${paragraphAnchor(passage.paragraph)}`}>
        On paragraph {passage.paragraph}
      </a>
      :{' '}
      <q dir="auto">
        <bdi>{quoted}</bdi>
      </q>
    </p>
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The chapter text (with its paragraphs numbered by `numberParagraphs` after `prefix`) with a mark
 * at the end of each paragraph: how many comments it has (a link to them), and a link to comment
 * on it when the viewer may. The marks are the only markup added; the text is left as it was, to
 * the letter: the links are named by aria-label and drawn by CSS (their count and "+"), so the
 * paragraph's text (to select, copy, or find) is the writer's alone.
 */
export function withPassageMarks(
  numberedHtml: string,
  options: {
    prefix: string;
    workId: number;
    chapterId: number;
    counts: ReadonlyMap<number, number>;
    canComment: boolean;
    /** Where several chapters share the page: " of chapter 2", to tell their paragraphs apart. */
    ofChapter?: string;
  },
): string {
  if (!options.canComment && options.counts.size === 0) return numberedHtml;
  const idPattern = options.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const paragraph = new RegExp(`(<p id="${idPattern}p-(\\d+)"[^>]*>)([\\s\\S]*?)(</p>)`, 'g');
  return numberedHtml.replace(paragraph, (whole, open: string, n: string, inner: string, close: string) => {
    const number = Number(n);
    const count = options.counts.get(number) ?? 0;
    if (count === 0 && !options.canComment) return whole;
    const path = escapeAttribute(passageCommentsPath(options.workId, options.chapterId, number));
    const which = `paragraph ${number}${options.ofChapter ?? ''}`;
    const marks = [
      count > 0
        ? `<a class="passage-count" href="${path}#comments" aria-label="${count} ${count === 1 ? 'comment' : 'comments'} on ${which}" data-count="${count}"></a>`
        : '',
      options.canComment ? `<a class="passage-add" href="${path}" aria-label="Comment on ${which}"></a>` : '',
    ].join('');
    return `${open}${inner}<span class="passage-marks">${marks}</span>${close}`;
  });
}

/** The comment counts of one chapter's paragraphs, from the comment section's view. */
export function passageCountsOf(view: CommentsView | undefined, chapterId: number): Map<number, number> {
  return new Map(
    (view?.passageCounts ?? []).filter((c) => c.chapterId === chapterId).map((c) => [c.paragraph, c.count]),
  );
}

/** The paragraph a passage page is about, with the sentence quoted from it marked. */
function QuotedParagraph({ passage }: { passage: PassageTarget }) {
  const at = passage.quote === null ? -1 : passage.text.indexOf(passage.quote);
  return (
    <blockquote class="passage-quote" dir="auto">
      {at < 0 || passage.quote === null ? (
        <p>{passage.text}</p>
      ) : (
        <p>
          {passage.text.slice(0, at)}
          <mark>{passage.quote}</mark>
          {passage.text.slice(at + passage.quote.length)}
        </p>
      )}
    </blockquote>
  );
}

/** One paragraph's page: the paragraph, the comment threads on it, and the form to add one. */
export function PassageCommentsPage({ ctx, work, view }: { ctx: PageContext; work: Work; view: CommentsView }) {
  const passage = view.passage!;
  const chapterUrl = chapterPath(work.id, passage.chapterId);
  return (
    <Layout
      ctx={ctx}
      title={`Paragraph ${passage.paragraph} of ${isolateBidi(work.title)}`}
      scripts={view.canComment ? COMMENT_SCRIPTS : []}
    >
      <div class="narrow passage-page">
        <p class="meta">
          <bdi>
            <a href={workPath(work.id)}>{work.title}</a>
          </bdi>
          {', '}
          <a href={`${chapterUrl}#${paragraphAnchor(passage.paragraph)}`}>
            Chapter {passage.chapterPosition}, paragraph {passage.paragraph}
          </a>
        </p>
        <h1>{passage.quote ? 'Comment on this passage' : `Comment on paragraph ${passage.paragraph}`}</h1>
        <QuotedParagraph passage={passage} />
        <CommentsSection ctx={ctx} view={view} />
        <p>
          <a href={`${chapterUrl}#${paragraphAnchor(passage.paragraph)}`}>Back to the chapter</a>
        </p>
      </div>
    </Layout>
  );
}

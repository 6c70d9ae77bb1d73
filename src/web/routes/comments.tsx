import { commentPath } from '../../paths.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { COMMENT_LIMITS, commentVisibility, decideComment, validateComment } from '../../domain/comments.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { formatUserText } from '../../text/sanitize.ts';
import type { Comment } from '../../store/index.ts';
import { creatorUserIds } from '../../app/access.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { ErrorPage } from '../views/errors.tsx';
import { CommentFormPage, EditCommentPage, type CommentFormValues } from '../views/comments.tsx';

function parseId(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`There is no such ${what}.`);
  return id;
}

const ADDRESS_LIMIT = {
  rateLimit: {
    max: COMMENT_LIMITS.perAddress,
    timeWindow: COMMENT_LIMITS.rateWindowMinutes * 60_000,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({
      statusCode: 429,
      message: `Too many comments from your address. Wait ${context.after} and try again; what you wrote was not posted, so go back to copy it.`,
    }),
  },
};

export async function commentRoutes(app: FastifyInstance) {
  const { store, archive } = app.quire;
  const salt = (await store.settings.get('cookie_secret')) ?? '';

  /** The address, salted and hashed: enough to count, never the address itself. */
  function addressKey(request: FastifyRequest): string {
    return createHash('sha256').update(`comment-address:${salt}:${request.ip}`).digest('hex');
  }

  /** A comment on a work the viewer may read, which they may see. */
  async function loadComment(idParam: string, request: FastifyRequest) {
    const comment = await store.comments.find(parseId(idParam, 'comment'));
    if (!comment) throw new NotFoundError('There is no such comment. It may have been deleted.');
    const { work, creator } = await archive.access.readable(request.viewer, comment.workId);
    if (commentVisibility(comment, request.viewer?.id ?? null, creator) !== 'full')
      throw new NotFoundError('There is no such comment. It may have been deleted.');
    return { comment, work, creator };
  }

  function refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string) {
    return sendPage(request, reply, (ctx) => <ErrorPage ctx={ctx} status={status} message={message} />, status);
  }

  app.post<{ Params: { id: string } }>('/works/:id/comments', { config: ADDRESS_LIMIT }, async (request, reply) => {
    const viewer = request.viewer;
    const { work, creator } = await archive.access.readable(
      request.viewer,
      parseId(request.params.id, 'work'),
      'comment',
    );
    const body = request.body;
    const parentField = field(body, 'parentId');
    const parent = parentField ? await store.comments.find(parseId(parentField, 'comment')) : undefined;
    if (
      parentField &&
      (!parent || parent.workId !== work.id || commentVisibility(parent, viewer?.id ?? null, creator) !== 'full')
    ) {
      throw new NotFoundError('The comment you replied to is no longer there.');
    }
    let chapterId: number | null = parent ? parent.chapterId : null;
    const chapterField = field(body, 'chapterId');
    if (!parent && chapterField) {
      const chapter = work.chapters.find((c) => String(c.id) === chapterField && (creator || !c.draft));
      if (!chapter) throw new NotFoundError('This work has no such chapter.');
      chapterId = chapter.id;
    }

    const commenter = await app.quire.archive.comments.commenter(work, viewer, creator, parent?.userId);
    const decision = decideComment(
      work.commentPolicy,
      work.moderated,
      commenter,
      parent ? { frozen: parent.frozen, open: parent.status === 'published' && !parent.deleted } : undefined,
    );
    if (!decision.allowed) return refuse(request, reply, decision.status, decision.message);

    if (viewer) {
      const since = new Date(Date.now() - COMMENT_LIMITS.rateWindowMinutes * 60_000).toISOString();
      if ((await store.comments.countRecentByUser(viewer.id, since)) >= COMMENT_LIMITS.perUser) {
        return refuse(
          request,
          reply,
          429,
          `You have posted ${COMMENT_LIMITS.perUser} comments in the last ${COMMENT_LIMITS.rateWindowMinutes} minutes. Wait a few minutes and try again; what you wrote was not posted.`,
        );
      }
    }

    const pseuds = viewer ? await store.pseuds.listForUser(viewer.id) : [];
    const values: CommentFormValues = {
      body: field(body, 'body'),
      pseudId: field(body, 'pseudId'),
      guestName: field(body, 'guestName'),
      guestEmail: field(body, 'guestEmail'),
    };
    try {
      const valid = validateComment(values, !viewer);
      const html = formatUserText(valid.body);
      if (html === '')
        throw new ValidationError({
          body: 'Nothing of your comment is left once unsafe markup is taken out. Write it as plain text.',
        });
      const pseud = pseuds.find((p) => String(p.id) === values.pseudId) ?? pseuds.find((p) => p.isDefault) ?? pseuds[0];
      const comment = await store.comments.post(
        {
          workId: work.id,
          chapterId,
          parentId: parent?.id ?? null,
          userId: viewer?.id ?? null,
          pseudId: pseud?.id ?? null,
          guestName: valid.guestName,
          guestEmail: valid.guestEmail,
          body: html,
          status: decision.status,
          addressKey: addressKey(request),
        },
        { title: work.title, creatorUserIds: creatorUserIds(work) },
      );
      setFlash(
        reply,
        decision.status === 'held'
          ? 'Your comment was received. It will be shown once a creator of the work approves it.'
          : 'Your comment was posted.',
      );
      return reply.redirect(commentPath(comment), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => (
          <CommentFormPage
            ctx={ctx}
            workId={work.id}
            workTitle={work.title}
            view={{ pseuds, moderated: work.moderated, isCreator: creator }}
            target={{ chapterId: chapterField, parentId: parentField }}
            values={values}
            errors={error.fieldErrors}
          />
        ),
        422,
      );
    }
  });

  app.post<{ Params: { id: string } }>('/comments/:id/edit', { config: ADDRESS_LIMIT }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const { comment } = await loadComment(request.params.id, request);
    if (comment.userId !== viewer.id) throw new ForbiddenError('Only the person who wrote a comment can edit it.');
    const typed = field(request.body, 'body');
    try {
      const { body } = validateComment({ body: typed }, false);
      const html = formatUserText(body);
      if (html === '')
        throw new ValidationError({
          body: 'Nothing of your comment is left once unsafe markup is taken out. Write it as plain text.',
        });
      await store.comments.edit(comment.id, html);
      setFlash(reply, 'Your comment was changed.');
      return reply.redirect(commentPath(comment), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => (
          <EditCommentPage ctx={ctx} comment={comment} body={typed} error={error.fieldErrors.body ?? error.message} />
        ),
        422,
      );
    }
  });

  app.post<{ Params: { id: string } }>('/comments/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const { comment, creator } = await loadComment(request.params.id, request);
    if (comment.userId !== viewer.id && !creator)
      throw new ForbiddenError('Only the person who wrote a comment and the work’s creators can delete it.');
    await store.comments.delete(comment.id);
    setFlash(reply, 'The comment was deleted.');
    return reply.redirect(commentPath(comment).replace(/#.*$/, '#comments'), 303);
  });

  /** Moderation by the work's creators. */
  const moderation: Record<
    string,
    { run: (comment: Comment, work: { title: string; creatorUserIds: number[] }) => Promise<void>; done: string }
  > = {
    approve: {
      run: (c, w) => store.comments.approve(c.id, w),
      done: 'The comment was approved and is shown to readers.',
    },
    hide: { run: (c) => store.comments.setHidden(c.id, true), done: 'The comment is hidden from readers.' },
    unhide: { run: (c) => store.comments.setHidden(c.id, false), done: 'The comment is shown again.' },
    freeze: {
      run: (c) => store.comments.setFrozen(c.threadId, true),
      done: 'The thread is frozen: it takes no new replies.',
    },
    unfreeze: { run: (c) => store.comments.setFrozen(c.threadId, false), done: 'The thread takes replies again.' },
  };
  for (const [action, { run, done }] of Object.entries(moderation)) {
    app.post<{ Params: { id: string } }>(`/comments/:id/${action}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const { comment, work, creator } = await loadComment(request.params.id, request);
      if (!creator) throw new ForbiddenError('Only the work’s creators can moderate its comments.');
      await run(comment, { title: work.title, creatorUserIds: creatorUserIds(work) });
      setFlash(reply, done);
      return reply.redirect(commentPath(comment), 303);
    });
  }
}

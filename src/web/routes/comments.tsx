import { commentPath } from '../../paths.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { COMMENT_LIMITS } from '../../domain/comments.ts';
import { ValidationError } from '../../domain/errors.ts';
import { safeReturnPath } from '../../domain/accounts.ts';
import type { Moderation } from '../../app/comments.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { ErrorPage } from '../views/errors.tsx';
import { CommentFormPage, EditCommentPage, type CommentFormValues } from '../views/comments.tsx';

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

/** What each moderation button says once done. */
const MODERATED: Record<Moderation, string> = {
  approve: 'The comment was approved and is shown to readers.',
  hide: 'The comment is hidden from readers.',
  unhide: 'The comment is shown again.',
  freeze: 'The thread is frozen: it takes no new replies.',
  unfreeze: 'The thread takes replies again.',
};

export async function commentRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.post<{ Params: { id: string } }>('/works/:id/comments', { config: ADDRESS_LIMIT }, async (request, reply) => {
    const body = request.body;
    const values: CommentFormValues = {
      body: field(body, 'body'),
      pseudId: field(body, 'pseudId'),
      guestName: field(body, 'guestName'),
      guestEmail: field(body, 'guestEmail'),
    };
    // A reply from the inbox goes back there.
    const returnTo = safeReturnPath(field(body, 'returnTo'));
    const target = {
      chapterId: field(body, 'chapterId'),
      parentId: field(body, 'parentId'),
      returnTo,
      paragraph: field(body, 'paragraph'),
      quote: field(body, 'quote'),
    };
    const posting = await archive.comments.post(request.viewer, request.ip, request.params.id, {
      ...values,
      chapterId: target.chapterId,
      parentId: target.parentId,
      paragraph: target.paragraph,
      quote: target.quote,
      website: field(body, 'website'),
      shownAt: field(body, 'shownAt'),
    });
    if (posting.kind === 'too-many') {
      return sendPage(request, reply, (ctx) => <ErrorPage ctx={ctx} status={429} message={posting.message} />, 429);
    }
    if (posting.kind === 'invalid') {
      return sendPage(
        request,
        reply,
        (ctx) => (
          <CommentFormPage
            ctx={ctx}
            workId={posting.work.id}
            workTitle={posting.work.title}
            view={posting.view}
            target={target}
            values={values}
            errors={posting.errors}
          />
        ),
        422,
      );
    }
    const what = target.parentId ? 'reply' : 'comment';
    setFlash(
      reply,
      posting.held
        ? `Your ${what} was received. It will be shown once a creator of the work approves it.`
        : `Your ${what} was posted.`,
    );
    return reply.redirect(returnTo ?? commentPath(posting.comment), 303);
  });

  app.post<{ Params: { id: string } }>('/comments/:id/edit', { config: ADDRESS_LIMIT }, async (request, reply) => {
    const comment = await archive.comments.own(request.viewer, request.params.id);
    const typed = field(request.body, 'body');
    try {
      await archive.comments.edit(request.viewer, comment, typed);
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
    setFlash(reply, 'Your comment was changed.');
    return reply.redirect(commentPath(comment), 303);
  });

  app.post<{ Params: { id: string } }>('/comments/:id/delete', async (request, reply) => {
    const comment = await archive.comments.delete(request.viewer, request.params.id);
    setFlash(reply, 'The comment was deleted.');
    return reply.redirect(commentPath(comment).replace(/#.*$/, '#comments'), 303);
  });

  for (const [action, done] of Object.entries(MODERATED) as [Moderation, string][]) {
    app.post<{ Params: { id: string } }>(`/comments/:id/${action}`, async (request, reply) => {
      const comment = await archive.comments.moderate(request.viewer, request.params.id, action);
      setFlash(reply, done);
      return reply.redirect(commentPath(comment), 303);
    });
  }
}

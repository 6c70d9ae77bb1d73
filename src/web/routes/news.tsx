import type { FastifyInstance, FastifyRequest } from 'fastify';
import { COMMENT_LIMITS } from '../../domain/comments.ts';
import { ATOM_TYPE, atomXml, tagUri } from '../../formats/atom.ts';
import { ATOM_FEED_TYPE } from '../../formats/feeds.ts';
import { NEWS_FEED_PATH, newsPath } from '../../paths.ts';
import { feedSite } from '../feed-site.ts';
import { sendCacheable } from '../http-cache.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { ErrorPage } from '../views/errors.tsx';
import { NewsListPage, NewsPostPage, type NewsCommentValues } from '../views/news.tsx';

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

/** Site news for everyone: the list, each post with its comments, and the Atom feed. */
export async function newsRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/news', async (request, reply) => {
    const list = await archive.news.page(queryParam(request.query, 'page'), queryParam(request.query, 'tag'));
    return sendPage(request, reply, (ctx) => <NewsListPage ctx={ctx} list={list} />);
  });

  app.get(NEWS_FEED_PATH, async (request, reply) => {
    const { posts, updated: lastChange } = await archive.news.feed();
    const site = feedSite(request, reply);
    const absolute = (path: string) => `${site.baseUrl}${path}`;
    // With no posts yet, the feed dates from the epoch: it has never changed.
    const updated = lastChange ?? new Date(0).toISOString();
    const xml = atomXml({
      id: absolute(NEWS_FEED_PATH),
      title: `Site news · ${site.archiveName}`,
      updated,
      base: site.baseUrl,
      generator: 'Quire',
      authors: [{ name: site.archiveName }],
      links: [
        { rel: 'self', href: absolute(NEWS_FEED_PATH), type: ATOM_TYPE },
        { rel: 'alternate', href: absolute(newsPath()), type: 'text/html' },
      ],
      entries: posts.map((post) => ({
        id: tagUri(site.baseUrl, post.createdAt, `news/${post.id}`),
        title: post.title,
        updated: post.updatedAt,
        published: post.createdAt,
        authors: [{ name: post.authorLogin ?? site.archiveName }],
        categories: post.tags.map((term) => ({ term })),
        content: { html: post.body },
        links: [{ rel: 'alternate', href: absolute(newsPath(post.id)), type: 'text/html' }],
      })),
    });
    return sendCacheable(request, reply, xml, ATOM_FEED_TYPE, updated);
  });

  app.get<{ Params: { id: string } }>('/news/:id', async (request, reply) => {
    const view = await archive.news.post(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <NewsPostPage ctx={ctx} view={view} />);
  });

  app.post<{ Params: { id: string } }>('/news/:id/comments', { config: ADDRESS_LIMIT }, async (request, reply) => {
    const values: NewsCommentValues = {
      body: field(request.body, 'body'),
      pseudId: field(request.body, 'pseudId'),
      guestName: field(request.body, 'guestName'),
      guestEmail: field(request.body, 'guestEmail'),
      parentId: field(request.body, 'parentId'),
    };
    const posting = await archive.news.comment(request.viewer, request.ip, request.params.id, {
      ...values,
      website: field(request.body, 'website'),
      shownAt: field(request.body, 'shownAt'),
    });
    if (posting.kind === 'too-many')
      return sendPage(request, reply, (ctx) => <ErrorPage ctx={ctx} status={429} message={posting.message} />, 429);
    if (posting.kind === 'invalid')
      return sendPage(
        request,
        reply,
        (ctx) => <NewsPostPage ctx={ctx} view={posting.view} values={values} errors={posting.errors} />,
        422,
      );
    setFlash(
      reply,
      posting.held
        ? 'Your comment is saved and waits for an admin: the archive’s spam check held it. It will be shown once an admin approves it.'
        : 'Your comment was posted.',
    );
    return reply.redirect(`${newsPath(posting.postId)}#comment-${posting.commentId}`, 303);
  });

  app.post<{ Params: { id: string; commentId: string } }>(
    '/news/:id/comments/:commentId/approve',
    async (request, reply) => {
      const postId = await archive.news.approveComment(request.viewer, request.params.commentId);
      setFlash(reply, 'The comment is approved: everyone sees it now.');
      return reply.redirect(`${newsPath(postId)}#comment-${request.params.commentId}`, 303);
    },
  );

  app.post<{ Params: { id: string; commentId: string } }>(
    '/news/:id/comments/:commentId/delete',
    async (request, reply) => {
      const postId = await archive.news.deleteComment(request.viewer, request.params.commentId);
      setFlash(reply, 'The comment was deleted.');
      return reply.redirect(`${newsPath(postId)}#comments`, 303);
    },
  );
}

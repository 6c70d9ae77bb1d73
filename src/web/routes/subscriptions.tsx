import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canRead } from '../../domain/works.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { isSubscriptionKind, type SubscriptionKind } from '../../domain/subscriptions.ts';
import type { User } from '../../store/index.ts';
import { accessOf } from '../../app/access.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { SubscriptionsPage } from '../views/subscriptions.tsx';
import { subscriptionTargetPath } from '../../paths.ts';

const NOT_FOUND = 'There is nothing to subscribe to at that address.';

/** Following works, series and users; a member may only follow what they may see. */
export async function subscriptionRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const followingLimit = { rateLimit: { max: 300, timeWindow: 60 * 60_000 } };

  /** The target named by the form, if this viewer may see it, with its name and page. */
  async function target(
    request: FastifyRequest,
    viewer: User,
  ): Promise<{ kind: SubscriptionKind; id: number; name: string; path: string }> {
    const kind = field(request.body, 'kind');
    const id = Number(field(request.body, 'id'));
    if (!isSubscriptionKind(kind) || !Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(NOT_FOUND);
    if (kind === 'work') {
      const work = await store.works.find(id);
      if (!work || !canRead(accessOf(work), viewer)) throw new NotFoundError(NOT_FOUND);
      return { kind, id, name: work.title, path: subscriptionTargetPath(kind, id) };
    }
    if (kind === 'series') {
      const series = await store.series.find(id);
      if (!series) throw new NotFoundError(NOT_FOUND);
      const { total } = await store.works.list({ viewerId: viewer.id, ids: series.workIds, limit: 1 });
      if (total === 0 && series.userId !== viewer.id) throw new NotFoundError(NOT_FOUND);
      return { kind, id, name: series.title, path: subscriptionTargetPath(kind, id) };
    }
    const user = await store.users.findById(id);
    if (!user) throw new NotFoundError(NOT_FOUND);
    return { kind, id, name: user.login, path: subscriptionTargetPath(kind, id, user.login) };
  }

  function back(request: FastifyRequest, fallback: string): string {
    return field(request.body, 'return_to') === '/subscriptions' ? '/subscriptions' : fallback;
  }

  app.get('/subscriptions', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const subscriptions = await store.subscriptions.listForUser(viewer.id);
    return sendPage(request, reply, (ctx) => <SubscriptionsPage ctx={ctx} subscriptions={subscriptions} />);
  });

  app.post('/subscriptions', { config: followingLimit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const followed = await target(request, viewer);
    await store.subscriptions.subscribe(viewer.id, followed.kind, followed.id);
    setFlash(
      reply,
      `You are subscribed to ${followed.name}. New ${followed.kind === 'work' ? 'chapters' : 'works'} will appear in your inbox.`,
    );
    return reply.redirect(back(request, followed.path), 303);
  });

  app.post('/subscriptions/delete', { config: followingLimit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const kind = field(request.body, 'kind');
    const id = Number(field(request.body, 'id'));
    if (!isSubscriptionKind(kind) || !Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(NOT_FOUND);
    // Unsubscribing needs no access to the target: a work that went private can still be let go.
    await store.subscriptions.unsubscribe(viewer.id, kind, id);
    setFlash(reply, 'You are unsubscribed.');
    const user = kind === 'user' ? await store.users.findById(id) : undefined;
    return reply.redirect(
      back(request, kind === 'user' && !user ? '/subscriptions' : subscriptionTargetPath(kind, id, user?.login)),
      303,
    );
  });
}

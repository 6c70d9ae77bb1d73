import type { FastifyInstance, FastifyRequest } from 'fastify';
import { field, sendPage, setFlash } from '../render.ts';
import { SubscriptionsPage } from '../views/subscriptions.tsx';
import { subscriptionTargetPath } from '../../paths.ts';

/** Following works, series and users; a member may only follow what they may see. */
export async function subscriptionRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const followingLimit = { rateLimit: { max: 300, timeWindow: 60 * 60_000 } };

  function back(request: FastifyRequest, fallback: string): string {
    return field(request.body, 'return_to') === '/subscriptions' ? '/subscriptions' : fallback;
  }

  app.get('/subscriptions', async (request, reply) => {
    const subscriptions = await archive.subscriptions.list(request.viewer);
    return sendPage(request, reply, (ctx) => <SubscriptionsPage ctx={ctx} subscriptions={subscriptions} />);
  });

  app.post('/subscriptions', { config: followingLimit }, async (request, reply) => {
    const followed = await archive.subscriptions.subscribe(
      request.viewer,
      field(request.body, 'kind'),
      field(request.body, 'id'),
    );
    setFlash(
      reply,
      `You are subscribed to ${followed.name}. New ${followed.kind === 'work' ? 'chapters' : 'works'} will appear in your inbox.`,
    );
    return reply.redirect(back(request, subscriptionTargetPath(followed.kind, followed.id, followed.login)), 303);
  });

  app.post('/subscriptions/delete', { config: followingLimit }, async (request, reply) => {
    const { kind, id, login } = await archive.subscriptions.unsubscribe(
      request.viewer,
      field(request.body, 'kind'),
      field(request.body, 'id'),
    );
    setFlash(reply, 'You are unsubscribed.');
    // A user who left the archive has no page to go back to.
    const fallback = kind === 'user' && !login ? '/subscriptions' : subscriptionTargetPath(kind, id, login);
    return reply.redirect(back(request, fallback), 303);
  });
}

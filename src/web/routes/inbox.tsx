import type { FastifyInstance } from 'fastify';
import { NOTIFICATION_KINDS, pageNumber } from '../../domain/notifications.ts';
import type { NotificationPreferences } from '../../store/index.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { InboxPage, NotificationPreferencesPage } from '../views/inbox.tsx';

/** The inbox page the member acted on (the form says which). */
function backToInbox(body: unknown): string {
  const page = pageNumber(field(body, 'page'));
  return page > 1 ? `/inbox?page=${page}` : '/inbox';
}

/** The notifications inbox: a member's own notices only, marked read one by one or all at once. */
export async function inboxRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/inbox', async (request, reply) => {
    const page = pageNumber(queryParam(request.query, 'page'));
    const { items, total } = await archive.inbox.list(request.viewer, page);
    return sendPage(request, reply, (ctx) => <InboxPage ctx={ctx} items={items} total={total} page={page} />);
  });

  app.post('/inbox/read', async (request, reply) => {
    await archive.inbox.markAllRead(request.viewer);
    setFlash(reply, 'All notifications are marked as read.');
    return reply.redirect('/inbox', 303);
  });

  app.post<{ Params: { id: string } }>('/inbox/:id/read', async (request, reply) => {
    await archive.inbox.markRead(request.viewer, Number(request.params.id));
    return reply.redirect(backToInbox(request.body), 303);
  });

  app.post<{ Params: { id: string } }>('/inbox/:id/unread', async (request, reply) => {
    await archive.inbox.markUnread(request.viewer, Number(request.params.id));
    setFlash(reply, 'The notification is marked as unread.');
    return reply.redirect(backToInbox(request.body), 303);
  });

  app.post<{ Params: { id: string } }>('/inbox/:id/delete', async (request, reply) => {
    await archive.inbox.delete(request.viewer, Number(request.params.id));
    setFlash(reply, 'The notification was deleted.');
    return reply.redirect(backToInbox(request.body), 303);
  });

  app.get('/inbox/preferences', async (request, reply) => {
    const { prefs, mailEnabled, email } = await archive.inbox.preferences(request.viewer);
    return sendPage(request, reply, (ctx) => (
      <NotificationPreferencesPage ctx={ctx} prefs={prefs} mailEnabled={mailEnabled} email={email} />
    ));
  });

  app.post('/inbox/preferences', async (request, reply) => {
    const chosen = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [
        kind,
        { inbox: checked(request.body, `inbox-${kind}`), email: checked(request.body, `email-${kind}`) },
      ]),
    ) as NotificationPreferences;
    await archive.inbox.savePreferences(request.viewer, chosen);
    setFlash(reply, 'Your notification preferences were saved.');
    return reply.redirect('/inbox/preferences', 303);
  });
}

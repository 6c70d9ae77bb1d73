import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../domain/errors.ts';
import { INBOX_PAGE_SIZE, pageNumber } from '../../domain/notifications.ts';
import { NOTIFICATION_KINDS } from '../../domain/notifications.ts';
import type { NotificationPreferences } from '../../store/index.ts';
import { checked, queryParam, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { InboxPage, NotificationPreferencesPage } from '../views/inbox.tsx';

/** The notifications inbox: a member's own notices only, marked read one by one or all at once. */
export async function inboxRoutes(app: FastifyInstance) {
  const { store, config } = app.quire;
  const mailEnabled = config.smtpUrl !== undefined;

  app.get('/inbox', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const page = pageNumber(queryParam(request.query, 'page'));
    const { notices, total } = await store.inbox.list(viewer.id, {
      limit: INBOX_PAGE_SIZE,
      offset: (page - 1) * INBOX_PAGE_SIZE,
    });
    return sendPage(request, reply, (ctx) => <InboxPage ctx={ctx} notices={notices} total={total} page={page} />);
  });

  app.post('/inbox/read', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await store.inbox.markAllRead(viewer.id);
    setFlash(reply, 'All notifications are marked as read.');
    return reply.redirect('/inbox', 303);
  });

  app.post<{ Params: { id: string } }>('/inbox/:id/read', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const id = Number(request.params.id);
    // Someone else's notification is answered as if it did not exist.
    if (!Number.isSafeInteger(id) || id <= 0 || !(await store.inbox.markRead(viewer.id, id)))
      throw new NotFoundError('There is no such notification in your inbox.');
    return reply.redirect('/inbox', 303);
  });

  app.get('/inbox/preferences', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const prefs = await store.inbox.preferences(viewer.id);
    return sendPage(request, reply, (ctx) => (
      <NotificationPreferencesPage ctx={ctx} prefs={prefs} mailEnabled={mailEnabled} email={viewer.email} />
    ));
  });

  app.post('/inbox/preferences', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const current = await store.inbox.preferences(viewer.id);
    // Without mail on this archive there are no email boxes on the form: earlier choices stay.
    const email = (kind: string) =>
      mailEnabled ? checked(request.body, `email-${kind}`) : current[kind as keyof NotificationPreferences].email;
    const prefs = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, { inbox: checked(request.body, `inbox-${kind}`), email: email(kind) }]),
    ) as NotificationPreferences;
    await store.inbox.setPreferences(viewer.id, prefs);
    setFlash(reply, 'Your notification preferences were saved.');
    return reply.redirect('/inbox/preferences', 303);
  });
}

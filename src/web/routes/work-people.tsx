import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { publicUser } from '../../domain/accounts.ts';
import { sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { GiftsPage, InvitationsPage } from '../views/work-people.tsx';
import { ErrorPage } from '../views/errors.tsx';
import { workPath, userPath, userActionPath } from '../../paths.ts';

function positiveId(value: string, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`There is no such ${what}.`);
  return id;
}

/** Co-creator invitations, leaving a shared work, and gifts with their refusal. */
export async function workPeopleRoutes(app: FastifyInstance) {
  const { store } = app.quire;

  app.get('/invitations', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const invitations = await store.workLinks.invitationsFor(viewer.id);
    return sendPage(request, reply, (ctx) => <InvitationsPage ctx={ctx} invitations={invitations} />);
  });

  app.post<{ Params: { workId: string; pseudId: string; answer: string } }>(
    '/invitations/:workId/:pseudId/:answer',
    async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const { answer } = request.params;
      if (answer !== 'accept' && answer !== 'decline') throw new NotFoundError('There is nothing at this address.');
      const workId = positiveId(request.params.workId, 'invitation');
      await store.workLinks.answerInvitation(
        viewer.id,
        workId,
        positiveId(request.params.pseudId, 'invitation'),
        answer === 'accept',
      );
      if (answer === 'accept') {
        setFlash(reply, 'You are now a co-creator of this work.');
        return reply.redirect(workPath(workId), 303);
      }
      setFlash(reply, 'You declined the invitation.');
      return reply.redirect('/invitations', 303);
    },
  );

  app.post<{ Params: { id: string } }>('/works/:id/leave', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const workId = positiveId(request.params.id, 'work');
    try {
      await store.workLinks.leave(viewer.id, workId);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <ErrorPage ctx={ctx} status={409} message={Object.values(error.fieldErrors).join(' ')} />,
        409,
      );
    }
    setFlash(reply, 'You are no longer a creator of that work.');
    return reply.redirect(userPath(viewer.login), 303);
  });

  app.get<{ Params: { login: string } }>('/users/:login/gifts', async (request, reply) => {
    const found = await store.users.findByLogin(request.params.login);
    if (!found) throw new NotFoundError(`There is no user called ${request.params.login}.`);
    const user = publicUser(found);
    const gifts = await store.workLinks.giftsFor(user.id);
    const ids = [...new Set(gifts.map((g) => g.workId))];
    const { works } =
      ids.length > 0
        ? await store.works.list({ viewerId: request.viewer?.id ?? null, ids, limit: ids.length })
        : { works: [] };
    const shown = gifts.flatMap((gift) => {
      const work = works.find((w) => w.id === gift.workId);
      return work ? [{ gift, work }] : [];
    });
    return sendPage(request, reply, (ctx) => <GiftsPage ctx={ctx} user={user} gifts={shown} />);
  });

  app.post<{ Params: { id: string } }>('/gifts/:id/refuse', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await store.workLinks.refuseGift(viewer.id, positiveId(request.params.id, 'gift'));
    setFlash(reply, 'You refused the gift. The work no longer names you.');
    return reply.redirect(userActionPath(viewer.login, 'gifts'), 303);
  });
}

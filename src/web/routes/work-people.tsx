import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { sendPage, setFlash } from '../render.ts';
import { GiftsPage, InvitationsPage } from '../views/work-people.tsx';
import { ErrorPage } from '../views/errors.tsx';
import { workPath, userPath, userActionPath } from '../../paths.ts';

/** Co-creator invitations, leaving a shared work, and gifts with their refusal. */
export async function workPeopleRoutes(app: FastifyInstance) {
  const { workPeople } = app.quire.archive;

  app.get('/invitations', async (request, reply) => {
    const invitations = await workPeople.invitations(request.viewer);
    return sendPage(request, reply, (ctx) => <InvitationsPage ctx={ctx} invitations={invitations} />);
  });

  app.post<{ Params: { workId: string; pseudId: string; answer: string } }>(
    '/invitations/:workId/:pseudId/:answer',
    async (request, reply) => {
      const { workId, pseudId, answer } = request.params;
      const id = await workPeople.answerInvitation(request.viewer, workId, pseudId, answer);
      if (answer === 'accept') {
        setFlash(reply, 'You are now a co-creator of this work.');
        return reply.redirect(workPath(id), 303);
      }
      setFlash(reply, 'You declined the invitation.');
      return reply.redirect('/invitations', 303);
    },
  );

  app.post<{ Params: { id: string } }>('/works/:id/leave', async (request, reply) => {
    try {
      const member = await workPeople.leave(request.viewer, request.params.id);
      setFlash(reply, 'You are no longer a creator of that work.');
      return reply.redirect(userPath(member.login), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <ErrorPage ctx={ctx} status={409} message={Object.values(error.fieldErrors).join(' ')} />,
        409,
      );
    }
  });

  app.get<{ Params: { login: string } }>('/users/:login/gifts', async (request, reply) => {
    const { user, gifts } = await workPeople.gifts(request.viewer, request.params.login);
    return sendPage(request, reply, (ctx) => <GiftsPage ctx={ctx} user={user} gifts={gifts} />);
  });

  app.post<{ Params: { id: string } }>('/gifts/:id/refuse', async (request, reply) => {
    const member = await workPeople.refuseGift(request.viewer, request.params.id);
    setFlash(reply, 'You refused the gift. The work no longer names you.');
    return reply.redirect(userActionPath(member.login, 'gifts'), 303);
  });
}

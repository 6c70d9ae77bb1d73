import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { feedSite } from '../feed-site.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { InvitationRequestPage, MyInvitationsPage } from '../views/invitations.tsx';

/** The invitation queue anyone may join, and the invitations members give. */
export async function invitationRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/invitations/request', async (request, reply) => {
    const { signUpMode } = await archive.invitations.settings();
    return sendPage(request, reply, (ctx) => (
      <InvitationRequestPage ctx={ctx} mode={signUpMode} email="" errors={{}} />
    ));
  });

  app.post(
    '/invitations/request',
    { config: { rateLimit: { max: 10, timeWindow: 60 * 60_000 } } },
    async (request, reply) => {
      const email = field(request.body, 'email');
      try {
        const standing = await archive.invitations.request(email);
        return sendPage(request, reply, (ctx) => (
          <InvitationRequestPage ctx={ctx} mode="invitation" email={email} errors={{}} standing={standing} />
        ));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendPage(
          request,
          reply,
          (ctx) => <InvitationRequestPage ctx={ctx} mode="invitation" email={email} errors={error.fieldErrors} />,
          422,
        );
      }
    },
  );

  app.get('/account/invitations', async (request, reply) => {
    const mine = await archive.invitations.mine(request.viewer);
    const origin = feedSite(request, reply).baseUrl;
    return sendPage(request, reply, (ctx) => <MyInvitationsPage ctx={ctx} mine={mine} origin={origin} />);
  });

  app.post('/account/invitations', async (request, reply) => {
    await archive.invitations.createMine(request.viewer);
    setFlash(reply, 'Your invitation link is ready: copy it from the list and send it to the person you invite.');
    return reply.redirect('/account/invitations', 303);
  });
}

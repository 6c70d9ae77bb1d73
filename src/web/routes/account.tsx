import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { checked, field, sendPage, setFlash } from '../render.ts';
import { logOut, SESSION_COOKIE } from '../session.ts';
import { AccountPage, DeleteAccountPage } from '../views/accounts.tsx';

export async function accountRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/account', async (request, reply) => {
    const state = await archive.accounts.settings(request.viewer);
    return sendPage(request, reply, (ctx) => <AccountPage ctx={ctx} state={state} />);
  });

  app.post('/account/password', async (request, reply) => {
    try {
      const { tokensRevoked } = await archive.accounts.changePassword(
        request.viewer,
        {
          currentPassword: field(request.body, 'currentPassword'),
          password: field(request.body, 'password'),
          passwordConfirmation: field(request.body, 'passwordConfirmation'),
        },
        request.cookies[SESSION_COOKIE] ?? '',
      );
      const tokens = tokensRevoked === 1 ? 'your API token was' : `your ${tokensRevoked} API tokens were`;
      setFlash(
        reply,
        `Your password has been changed. Other devices have been logged out${tokensRevoked > 0 ? ` and ${tokens} revoked: create a new one for each app that needs it` : ''}.`,
      );
      return reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const state = await archive.accounts.settings(request.viewer);
      return sendPage(
        request,
        reply,
        (ctx) => <AccountPage ctx={ctx} state={{ ...state, passwordErrors: error.fieldErrors }} />,
        422,
      );
    }
  });

  app.post('/account/email', async (request, reply) => {
    const typed = field(request.body, 'email');
    try {
      const email = await archive.accounts.changeEmail(request.viewer, typed, field(request.body, 'currentPassword'));
      setFlash(reply, `Your email address is now ${email}.`);
      return reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const state = await archive.accounts.settings(request.viewer);
      return sendPage(
        request,
        reply,
        (ctx) => <AccountPage ctx={ctx} state={{ ...state, emailValue: typed, emailErrors: error.fieldErrors }} />,
        422,
      );
    }
  });

  app.get('/account/delete', async (request, reply) => {
    const workCount = await archive.accounts.workCount(request.viewer);
    return sendPage(request, reply, (ctx) => <DeleteAccountPage ctx={ctx} errors={{}} workCount={workCount} />);
  });

  app.post('/account/delete', async (request, reply) => {
    const worksChoice = field(request.body, 'works');
    try {
      const member = await archive.accounts.deleteAccount(request.viewer, {
        currentPassword: field(request.body, 'currentPassword'),
        confirmed: checked(request.body, 'confirm'),
        works: worksChoice,
      });
      await logOut(request, reply);
      setFlash(reply, `The account ${member.login} has been deleted. Thank you for being here.`);
      return reply.redirect('/', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const workCount = await archive.accounts.workCount(request.viewer);
      return sendPage(
        request,
        reply,
        (ctx) => (
          <DeleteAccountPage ctx={ctx} errors={error.fieldErrors} workCount={workCount} worksChoice={worksChoice} />
        ),
        422,
      );
    }
  });
}

import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { Viewer } from '../../app/viewer.ts';
import { checked, field, sendPage, setFlash } from '../render.ts';
import { logOut, SESSION_COOKIE } from '../session.ts';
import { AccountPage, DeleteAccountPage } from '../views/accounts.tsx';
import { codeAttemptCheck } from './two-factor.tsx';

export async function accountRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  // With two-factor log-in on, the password and email forms take a code, counted per account.
  const checkCodeAttempts = codeAttemptCheck(app);

  app.get('/account', async (request, reply) => {
    const state = await archive.accounts.settings(request.viewer, request.sessionToken);
    return sendPage(request, reply, (ctx) => <AccountPage ctx={ctx} state={state} />);
  });

  app.post('/account/password', async (request, reply) => {
    try {
      await checkCodeAttempts(request, reply);
      const { tokensRevoked } = await archive.accounts.changePassword(
        request.viewer,
        {
          currentPassword: field(request.body, 'currentPassword'),
          password: field(request.body, 'password'),
          passwordConfirmation: field(request.body, 'passwordConfirmation'),
          twoFactorCode: field(request.body, 'twoFactorCode'),
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
      const state = await archive.accounts.settings(request.viewer, request.sessionToken);
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
      await checkCodeAttempts(request, reply);
      const { email, pending } = await archive.accounts.changeEmail(
        request.viewer,
        typed,
        field(request.body, 'currentPassword'),
        request.cookies[SESSION_COOKIE] ?? '',
        field(request.body, 'twoFactorCode'),
      );
      setFlash(
        reply,
        pending
          ? `We have sent a confirmation link to ${email}. Your address changes when you follow it, and stays as it was until then. Other devices have been logged out.`
          : `Your email address is now ${email}. Other devices have been logged out.`,
      );
      return reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const state = await archive.accounts.settings(request.viewer, request.sessionToken);
      return sendPage(
        request,
        reply,
        (ctx) => <AccountPage ctx={ctx} state={{ ...state, emailValue: typed, emailErrors: error.fieldErrors }} />,
        422,
      );
    }
  });

  /** What the deletion form asks: about the member's works, if any, and a two-factor code when that is on. */
  const deletionAsks = async (viewer: Viewer) => ({
    workCount: await archive.accounts.workCount(viewer),
    twoFactorOn: (await archive.twoFactor.status(viewer)).on,
  });

  app.get('/account/delete', async (request, reply) => {
    const asks = await deletionAsks(request.viewer);
    return sendPage(request, reply, (ctx) => <DeleteAccountPage ctx={ctx} errors={{}} {...asks} />);
  });

  app.post('/account/delete', async (request, reply) => {
    const worksChoice = field(request.body, 'works');
    try {
      await checkCodeAttempts(request, reply);
      const member = await archive.accounts.deleteAccount(request.viewer, {
        currentPassword: field(request.body, 'currentPassword'),
        confirmed: checked(request.body, 'confirm'),
        works: worksChoice,
        twoFactorCode: field(request.body, 'twoFactorCode'),
      });
      await logOut(request, reply);
      setFlash(reply, `The account ${member.login} has been deleted. Thank you for being here.`);
      return reply.redirect('/', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const asks = await deletionAsks(request.viewer);
      return sendPage(
        request,
        reply,
        (ctx) => <DeleteAccountPage ctx={ctx} errors={error.fieldErrors} {...asks} worksChoice={worksChoice} />,
        422,
      );
    }
  });
}

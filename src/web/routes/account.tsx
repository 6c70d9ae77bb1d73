import type { FastifyInstance } from 'fastify';
import { validateEmail, validateNewPassword } from '../../domain/accounts.ts';
import { ValidationError } from '../../domain/errors.ts';
import { checkPassword, hashPassword } from '../../domain/passwords.ts';
import { checked, field, sendPage, setFlash } from '../render.ts';
import { logOut, requireViewer, SESSION_COOKIE } from '../session.ts';
import { AccountPage, DeleteAccountPage } from '../views/accounts.tsx';
import { accountState } from '../account-state.ts';

const WRONG_PASSWORD = 'That is not your current password.';

export async function accountRoutes(app: FastifyInstance) {
  const { store } = app.quire;

  async function currentPasswordMatches(userId: number, password: string): Promise<boolean> {
    const user = await store.users.findById(userId);
    return checkPassword(user?.passwordHash, password);
  }

  app.get('/account', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const state = await accountState(store, viewer.id);
    return sendPage(request, reply, (ctx) => <AccountPage ctx={ctx} state={state} />);
  });

  app.post('/account/password', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    try {
      const password = validateNewPassword(
        field(request.body, 'password'),
        field(request.body, 'passwordConfirmation'),
      );
      if (!(await currentPasswordMatches(viewer.id, field(request.body, 'currentPassword')))) {
        throw new ValidationError({ currentPassword: WRONG_PASSWORD });
      }
      await store.users.setPasswordHash(viewer.id, await hashPassword(password));
      await store.sessions.endOthers(viewer.id, request.cookies[SESSION_COOKIE] ?? '');
      setFlash(reply, 'Your password has been changed. Other devices have been logged out.');
      return reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const state = await accountState(store, viewer.id);
      return sendPage(
        request,
        reply,
        (ctx) => <AccountPage ctx={ctx} state={{ ...state, passwordErrors: error.fieldErrors }} />,
        422,
      );
    }
  });

  app.post('/account/email', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const typed = field(request.body, 'email');
    try {
      const email = validateEmail(typed);
      if (!(await currentPasswordMatches(viewer.id, field(request.body, 'currentPassword')))) {
        throw new ValidationError({ currentPassword: WRONG_PASSWORD });
      }
      await store.users.setEmail(viewer.id, email);
      setFlash(reply, `Your email address is now ${email}.`);
      return reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const state = await accountState(store, viewer.id);
      return sendPage(
        request,
        reply,
        (ctx) => <AccountPage ctx={ctx} state={{ ...state, emailValue: typed, emailErrors: error.fieldErrors }} />,
        422,
      );
    }
  });

  app.get('/account/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const workCount = await store.works.countByUser(viewer.id);
    return sendPage(request, reply, (ctx) => <DeleteAccountPage ctx={ctx} errors={{}} workCount={workCount} />);
  });

  app.post('/account/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const errors: Record<string, string> = {};
    if (!(await currentPasswordMatches(viewer.id, field(request.body, 'currentPassword'))))
      errors.currentPassword = WRONG_PASSWORD;
    if (!checked(request.body, 'confirm'))
      errors.confirm = 'Tick the box to confirm that the account should be deleted.';
    const workCount = await store.works.countByUser(viewer.id);
    const worksChoice = field(request.body, 'works');
    if (workCount > 0 && worksChoice !== 'orphan' && worksChoice !== 'delete')
      errors.works = 'Choose whether to keep your works as orphans or delete them.';
    if (Object.keys(errors).length > 0) {
      return sendPage(
        request,
        reply,
        (ctx) => <DeleteAccountPage ctx={ctx} errors={errors} workCount={workCount} worksChoice={worksChoice} />,
        422,
      );
    }
    await store.users.delete(viewer.id, worksChoice === 'orphan' ? 'orphan' : 'delete');
    await logOut(request, reply);
    setFlash(reply, `The account ${viewer.login} has been deleted. Thank you for being here.`);
    return reply.redirect('/', 303);
  });
}

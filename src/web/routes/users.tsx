import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pseudNamed, userNamed } from '../people.ts';
import { validatePseud, type PseudInput } from '../../domain/accounts.ts';
import { ForbiddenError, ValidationError } from '../../domain/errors.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { viewerMutes } from '../discovery.ts';
import { DeletePseudPage, PseudFormPage, PseudPage, UserPage } from '../views/people.tsx';
import { pseudPath, userPath } from '../../paths.ts';

interface UserParams {
  login: string;
}
interface PseudParams extends UserParams {
  pseud: string;
}

function readPseudForm(body: unknown): Required<PseudInput> {
  return {
    name: field(body, 'name'),
    description: field(body, 'description'),
    defaultDisclaimer: field(body, 'defaultDisclaimer'),
  };
}

export async function userRoutes(app: FastifyInstance) {
  const { store } = app.quire;

  const loadUser = (login: string) => userNamed(store, login);
  const loadPseud = (login: string, name: string) => pseudNamed(store, login, name);

  /** Only the account's owner may change its pen names: guests are sent to log in, others refused. */
  function requireOwner(request: FastifyRequest, reply: FastifyReply, userId: number): boolean {
    const viewer = requireViewer(request, reply);
    if (!viewer) return false;
    if (viewer.id !== userId) throw new ForbiddenError('Only the owner of this account can change its pen names.');
    return true;
  }

  app.get<{ Params: UserParams }>('/users/:login', async (request, reply) => {
    const user = await loadUser(request.params.login);
    const pseuds = await store.pseuds.listForUser(user.id);
    // A muted user's own page still lists their works (the reader came for them); muted tags stay hidden.
    const muted = { ...(await viewerMutes(request)), userIds: [] };
    const { works, total } = await store.works.list({
      viewerId: request.viewer?.id ?? null,
      userId: user.id,
      limit: 50,
      muted,
    });
    const userMuted =
      request.viewer && request.viewer.id !== user.id
        ? await store.mutes.isMuted(request.viewer.id, 'user', user.id)
        : undefined;
    const subscribed =
      request.viewer && request.viewer.id !== user.id
        ? await store.subscriptions.isSubscribed(request.viewer.id, 'user', user.id)
        : undefined;
    const viewer = request.viewer;
    const blocked =
      viewer && viewer.id !== user.id ? (await store.blocks.blockedBy(user.id, [viewer.id])).length > 0 : undefined;
    return sendPage(request, reply, (ctx) => (
      <UserPage
        ctx={ctx}
        user={user}
        pseuds={pseuds}
        works={works}
        workTotal={total}
        blocked={blocked}
        subscribed={subscribed}
        muted={userMuted}
      />
    ));
  });

  app.get<{ Params: UserParams }>('/users/:login/pseuds', async (request, reply) => {
    const user = await loadUser(request.params.login);
    return reply.redirect(userPath(user.login), 301);
  });

  app.get<{ Params: UserParams }>('/users/:login/pseuds/new', async (request, reply) => {
    const user = await loadUser(request.params.login);
    if (!requireOwner(request, reply, user.id)) return reply;
    return sendPage(request, reply, (ctx) => (
      <PseudFormPage ctx={ctx} user={user} values={{ name: '', description: '', defaultDisclaimer: '' }} errors={{}} />
    ));
  });

  app.post<{ Params: UserParams }>('/users/:login/pseuds', async (request, reply) => {
    const user = await loadUser(request.params.login);
    if (!requireOwner(request, reply, user.id)) return reply;
    const values = readPseudForm(request.body);
    try {
      const pseud = await store.pseuds.create(user.id, validatePseud(values));
      setFlash(reply, `Added the pen name ${pseud.name}.`);
      return reply.redirect(pseudPath(user.login, pseud.name), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <PseudFormPage ctx={ctx} user={user} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.get<{ Params: PseudParams }>('/users/:login/pseuds/:pseud', async (request, reply) => {
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    const pseudCount = (await store.pseuds.listForUser(user.id)).length;
    const muted = { ...(await viewerMutes(request)), userIds: [] };
    const { works, total } = await store.works.list({
      viewerId: request.viewer?.id ?? null,
      pseudId: pseud.id,
      limit: 50,
      muted,
    });
    return sendPage(request, reply, (ctx) => (
      <PseudPage ctx={ctx} user={user} pseud={pseud} pseudCount={pseudCount} works={works} workTotal={total} />
    ));
  });

  app.get<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/edit', async (request, reply) => {
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    if (!requireOwner(request, reply, user.id)) return reply;
    return sendPage(request, reply, (ctx) => (
      <PseudFormPage ctx={ctx} user={user} pseud={pseud} values={pseud} errors={{}} />
    ));
  });

  app.post<{ Params: PseudParams }>('/users/:login/pseuds/:pseud', async (request, reply) => {
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    if (!requireOwner(request, reply, user.id)) return reply;
    const values = readPseudForm(request.body);
    try {
      const updated = await store.pseuds.update(pseud, validatePseud(values));
      setFlash(reply, `Saved ${updated.name}.`);
      return reply.redirect(pseudPath(user.login, updated.name), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <PseudFormPage ctx={ctx} user={user} pseud={pseud} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.post<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/default', async (request, reply) => {
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    if (!requireOwner(request, reply, user.id)) return reply;
    await store.pseuds.makeDefault(pseud);
    setFlash(reply, `${pseud.name} is now your default pen name.`);
    return reply.redirect(pseudPath(user.login, pseud.name), 303);
  });

  app.get<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/delete', async (request, reply) => {
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    if (!requireOwner(request, reply, user.id)) return reply;
    return sendPage(request, reply, (ctx) => <DeletePseudPage ctx={ctx} user={user} pseud={pseud} />);
  });

  app.post<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/delete', async (request, reply) => {
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    if (!requireOwner(request, reply, user.id)) return reply;
    try {
      await store.pseuds.delete(pseud);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      setFlash(reply, Object.values(error.fieldErrors).join(' '));
      return reply.redirect(pseudPath(user.login, pseud.name), 303);
    }
    setFlash(reply, `Deleted the pen name ${pseud.name}.`);
    return reply.redirect(userPath(user.login), 303);
  });
}

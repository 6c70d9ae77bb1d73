import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { accountModerationPath, moderationPath } from '../../paths.ts';
import { checked, field, sendPage, setFlash } from '../render.ts';
import {
  AccountModerationPage,
  ModerationPage,
  type ModerationValues,
  type SuspensionValues,
} from '../views/moderation.tsx';

type ThingRequest = FastifyRequest<{ Params: { kind: string; id: string } }>;
type AccountRequest = FastifyRequest<{ Params: { login: string } }>;

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Moderators' actions on content and accounts. Every use case checks the viewer is a moderator. */
export async function moderationRoutes(app: FastifyInstance) {
  const { moderation } = app.quire.archive;

  async function thingForm(
    request: ThingRequest,
    reply: FastifyReply,
    values: ModerationValues,
    error: ValidationError,
  ) {
    const thing = await moderation.thing(request.viewer, request.params.kind, request.params.id);
    return sendPage(
      request,
      reply,
      (ctx) => <ModerationPage ctx={ctx} thing={thing} values={values} errors={error.fieldErrors} />,
      422,
    );
  }

  app.get<{ Params: { kind: string; id: string } }>('/admin/moderate/:kind/:id', async (request, reply) => {
    const thing = await moderation.thing(request.viewer, request.params.kind, request.params.id);
    return sendPage(request, reply, (ctx) => <ModerationPage ctx={ctx} thing={thing} />);
  });

  for (const action of ['hide', 'unhide'] as const) {
    app.post<{ Params: { kind: string; id: string } }>(
      `/admin/moderate/:kind/:id/${action}`,
      async (request, reply) => {
        const values = { reason: field(request.body, 'reason') };
        try {
          const thing = await moderation[action](request.viewer, request.params.kind, request.params.id, values.reason);
          setFlash(reply, `${capitalized(thing.label)} is ${action === 'hide' ? 'hidden' : 'shown again'}.`);
          return reply.redirect(moderationPath(thing.kind, thing.id), 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return thingForm(request, reply, values, error);
        }
      },
    );
  }

  app.post<{ Params: { kind: string; id: string } }>('/admin/moderate/:kind/:id/delete', async (request, reply) => {
    const values = { deleteReason: field(request.body, 'deleteReason') };
    try {
      const thing = await moderation.delete(
        request.viewer,
        request.params.kind,
        request.params.id,
        values.deleteReason,
      );
      setFlash(reply, `${capitalized(thing.label)} was deleted.`);
      return reply.redirect('/admin', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const moved = new ValidationError(
        Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k === 'reason' ? 'deleteReason' : k, v])),
      );
      return thingForm(request, reply, values, moved);
    }
  });

  app.post<{ Params: { id: string } }>('/admin/moderate/comment/:id/spam', async (request, reply) => {
    const values = { spamReason: field(request.body, 'spamReason') };
    try {
      const { removed, held } = await moderation.markSpam(request.viewer, request.params.id, values.spamReason);
      setFlash(
        reply,
        `${removed} ${removed === 1 ? 'comment was' : 'comments were'} removed as spam.${held ? ' Comments from that address now wait for approval.' : ''}`,
      );
      return reply.redirect('/admin', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const request_ = request as unknown as ThingRequest;
      request_.params.kind = 'comment';
      const moved = new ValidationError({ spamReason: Object.values(error.fieldErrors)[0] ?? 'Say why.' });
      return thingForm(request_, reply, values, moved);
    }
  });

  async function accountForm(
    request: AccountRequest,
    reply: FastifyReply,
    values: SuspensionValues,
    error: ValidationError,
  ) {
    const account = await moderation.account(request.viewer, request.params.login);
    return sendPage(
      request,
      reply,
      (ctx) => <AccountModerationPage ctx={ctx} account={account} values={values} errors={error.fieldErrors} />,
      422,
    );
  }

  app.get<{ Params: { login: string } }>('/admin/users/:login', async (request, reply) => {
    const account = await moderation.account(request.viewer, request.params.login);
    return sendPage(request, reply, (ctx) => <AccountModerationPage ctx={ctx} account={account} />);
  });

  app.post<{ Params: { login: string } }>('/admin/users/:login/suspend', async (request, reply) => {
    const values = {
      days: field(request.body, 'days'),
      ban: checked(request.body, 'ban'),
      reason: field(request.body, 'reason'),
      hideWorks: checked(request.body, 'hideWorks'),
    };
    try {
      const account = await moderation.suspend(request.viewer, request.params.login, values);
      setFlash(
        reply,
        account.suspension?.until === null ? `${account.user.login} is banned.` : `${account.user.login} is suspended.`,
      );
      return reply.redirect(accountModerationPath(account.user.login), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return accountForm(request, reply, values, error);
    }
  });

  app.post<{ Params: { login: string } }>('/admin/users/:login/lift', async (request, reply) => {
    const values = { liftReason: field(request.body, 'liftReason') };
    try {
      const account = await moderation.lift(request.viewer, request.params.login, values.liftReason);
      setFlash(reply, `${account.user.login} can log in again.`);
      return reply.redirect(accountModerationPath(account.user.login), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const moved = new ValidationError({ liftReason: Object.values(error.fieldErrors)[0] ?? 'Say why.' });
      return accountForm(request, reply, values, moved);
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PseudInput } from '../../domain/accounts.ts';
import { ValidationError } from '../../domain/errors.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { CreatorWorksPage, DeletePseudPage, PseudFormPage, PseudPage, UserPage } from '../views/people.tsx';
import { PAGE_SIZE, parseWorkFilters, readWorkFilterForm } from '../../domain/work-filters.ts';
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
  const { archive } = app.quire;

  /** A member's or pen name's works list: /works's form and sorts over their works (400 with the form as typed). */
  async function worksList(request: FastifyRequest, reply: FastifyReply, login: string, pseud?: string) {
    const form = readWorkFilterForm(request.query);
    const { filters, errors } = parseWorkFilters(form);
    const failed = Object.keys(errors).length > 0;
    const view = await archive.people.worksList(request.viewer, login, pseud, failed ? null : filters);
    return sendPage(
      request,
      reply,
      (ctx) => (
        <CreatorWorksPage
          ctx={ctx}
          {...view}
          form={form}
          errors={errors}
          page={failed ? 1 : filters.page}
          pageSize={PAGE_SIZE}
        />
      ),
      failed ? 400 : 200,
    );
  }

  app.get<{ Params: UserParams }>('/users/:login/works', (request, reply) =>
    worksList(request, reply, request.params.login),
  );

  app.get<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/works', (request, reply) =>
    worksList(request, reply, request.params.login, request.params.pseud),
  );

  app.get<{ Params: UserParams }>('/users/:login', async (request, reply) => {
    const view = await archive.people.page(request.viewer, request.params.login);
    return sendPage(request, reply, (ctx) => <UserPage ctx={ctx} {...view} />);
  });

  app.get<{ Params: UserParams }>('/users/:login/pseuds', async (request, reply) => {
    const user = await archive.people.user(request.params.login);
    return reply.redirect(userPath(user.login), 301);
  });

  app.get<{ Params: UserParams }>('/users/:login/pseuds/new', async (request, reply) => {
    const user = await archive.people.ownAccount(request.viewer, request.params.login);
    return sendPage(request, reply, (ctx) => (
      <PseudFormPage ctx={ctx} user={user} values={{ name: '', description: '', defaultDisclaimer: '' }} errors={{}} />
    ));
  });

  app.post<{ Params: UserParams }>('/users/:login/pseuds', async (request, reply) => {
    const { login } = request.params;
    const values = readPseudForm(request.body);
    try {
      const { user, pseud } = await archive.people.addPseud(request.viewer, login, values);
      setFlash(reply, `Added the pen name ${pseud.name}.`);
      return reply.redirect(pseudPath(user.login, pseud.name), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const user = await archive.people.ownAccount(request.viewer, login);
      return sendPage(
        request,
        reply,
        (ctx) => <PseudFormPage ctx={ctx} user={user} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.get<{ Params: PseudParams }>('/users/:login/pseuds/:pseud', async (request, reply) => {
    const view = await archive.people.pseudPage(request.viewer, request.params.login, request.params.pseud);
    return sendPage(request, reply, (ctx) => <PseudPage ctx={ctx} {...view} />);
  });

  app.get<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/edit', async (request, reply) => {
    const { user, pseud } = await archive.people.ownPseud(request.viewer, request.params.login, request.params.pseud);
    return sendPage(request, reply, (ctx) => (
      <PseudFormPage ctx={ctx} user={user} pseud={pseud} values={pseud} errors={{}} />
    ));
  });

  app.post<{ Params: PseudParams }>('/users/:login/pseuds/:pseud', async (request, reply) => {
    const { login, pseud: name } = request.params;
    const values = readPseudForm(request.body);
    try {
      const { user, pseud } = await archive.people.updatePseud(request.viewer, login, name, values);
      setFlash(reply, `Saved ${pseud.name}.`);
      return reply.redirect(pseudPath(user.login, pseud.name), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { user, pseud } = await archive.people.ownPseud(request.viewer, login, name);
      return sendPage(
        request,
        reply,
        (ctx) => <PseudFormPage ctx={ctx} user={user} pseud={pseud} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.post<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/default', async (request, reply) => {
    const { user, pseud } = await archive.people.makeDefaultPseud(
      request.viewer,
      request.params.login,
      request.params.pseud,
    );
    setFlash(reply, `${pseud.name} is now your default pen name.`);
    return reply.redirect(pseudPath(user.login, pseud.name), 303);
  });

  app.get<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/delete', async (request, reply) => {
    const { user, pseud } = await archive.people.ownPseud(request.viewer, request.params.login, request.params.pseud);
    return sendPage(request, reply, (ctx) => <DeletePseudPage ctx={ctx} user={user} pseud={pseud} />);
  });

  app.post<{ Params: PseudParams }>('/users/:login/pseuds/:pseud/delete', async (request, reply) => {
    const { login, pseud: name } = request.params;
    try {
      const { user, pseud } = await archive.people.deletePseud(request.viewer, login, name);
      setFlash(reply, `Deleted the pen name ${pseud.name}.`);
      return reply.redirect(userPath(user.login), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { user, pseud } = await archive.people.ownPseud(request.viewer, login, name);
      setFlash(reply, Object.values(error.fieldErrors).join(' '));
      return reply.redirect(pseudPath(user.login, pseud.name), 303);
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TagAdminRefusedError } from '../../app/tag-admin.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { TagAdminPage, type TagAdminFormValues } from '../views/tag-admin.tsx';
import { tagPagePath } from '../../paths.ts';

interface TagParams {
  name: string;
}

/** Admins rename and delete tags (the forms are also on the tag page, for admins). */
export async function tagAdminRoutes(app: FastifyInstance) {
  const { tagAdmin } = app.quire.archive;
  const limit = { rateLimit: { max: 120, timeWindow: 10 * 60_000 } };

  /** The forms again with the reasons under their fields and everything as typed. */
  function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    error: TagAdminRefusedError,
    values: TagAdminFormValues,
    fields: Record<string, keyof TagAdminFormValues>,
  ) {
    const errors = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [fields[k] ?? k, v]));
    return sendPage(
      request,
      reply,
      (ctx) => <TagAdminPage ctx={ctx} tag={error.tag} values={values} errors={errors} />,
      422,
    );
  }

  app.get<{ Params: TagParams }>('/tags/:name/admin', async (request, reply) => {
    const tag = await tagAdmin.tag(request.viewer, request.params.name, queryParam(request.query, 'kind'));
    return sendPage(request, reply, (ctx) => <TagAdminPage ctx={ctx} tag={tag} />);
  });

  app.post<{ Params: TagParams }>('/tags/:name/rename', { config: limit }, async (request, reply) => {
    const values = { new_name: field(request.body, 'new_name'), rename_reason: field(request.body, 'rename_reason') };
    try {
      const tag = await tagAdmin.rename(
        request.viewer,
        request.params.name,
        queryParam(request.query, 'kind'),
        values.new_name,
        values.rename_reason,
      );
      setFlash(reply, `The tag is now called “${tag.name}”.`);
      return reply.redirect(tagPagePath(tag.name, tag.kind), 303);
    } catch (error) {
      if (!(error instanceof TagAdminRefusedError)) throw error;
      return refused(request, reply, error, values, { name: 'new_name', reason: 'rename_reason' });
    }
  });

  app.post<{ Params: TagParams }>('/tags/:name/delete', { config: limit }, async (request, reply) => {
    const values = { delete_reason: field(request.body, 'delete_reason') };
    try {
      const tag = await tagAdmin.delete(
        request.viewer,
        request.params.name,
        queryParam(request.query, 'kind'),
        values.delete_reason,
      );
      setFlash(reply, `The ${tag.kind} tag “${tag.name}” was deleted.`);
      return reply.redirect('/admin', 303);
    } catch (error) {
      if (!(error instanceof TagAdminRefusedError)) throw error;
      return refused(request, reply, error, values, { reason: 'delete_reason' });
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { REPORT_STATUS_LABELS, isReportStatus } from '../../domain/reports.ts';
import { ROLE_LABELS } from '../../app/admin.ts';
import { adminPath, adminReportPath } from '../../paths.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import {
  AdminDashboardPage,
  AuditLogPage,
  ReportCasePage,
  ReportQueuePage,
  RolesPage,
  type ReportCaseValues,
  type RoleFormValues,
} from '../views/admin.tsx';

/** The admin area: dashboard, reports queue, roles and the audit log. Every use case checks the viewer's role. */
export async function adminRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/admin', async (request, reply) => {
    const dashboard = await archive.admin.dashboard(request.viewer);
    return sendPage(request, reply, (ctx) => <AdminDashboardPage ctx={ctx} dashboard={dashboard} />);
  });

  app.get('/admin/reports', async (request, reply) => {
    const queue = await archive.reports.queue(
      request.viewer,
      queryParam(request.query, 'status'),
      queryParam(request.query, 'page'),
    );
    return sendPage(request, reply, (ctx) => <ReportQueuePage ctx={ctx} queue={queue} admin={queue.admin} />);
  });

  app.get<{ Params: { id: string } }>('/admin/reports/:id', async (request, reply) => {
    const { entry, admin } = await archive.reports.entry(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <ReportCasePage ctx={ctx} entry={entry} admin={admin} />);
  });

  /** The entry's page again with what the moderator typed and what is wrong with it. */
  async function caseForm(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: ReportCaseValues,
    error: ValidationError,
  ) {
    const { entry, admin } = await archive.reports.entry(request.viewer, request.params.id);
    return sendPage(
      request,
      reply,
      (ctx) => <ReportCasePage ctx={ctx} entry={entry} admin={admin} values={values} errors={error.fieldErrors} />,
      422,
    );
  }

  app.post<{ Params: { id: string } }>('/admin/reports/:id/take', async (request, reply) => {
    const entry = await archive.reports.take(request.viewer, request.params.id);
    setFlash(reply, `You took report #${entry.id}.`);
    return reply.redirect(adminReportPath(entry.id), 303);
  });

  app.post<{ Params: { id: string } }>('/admin/reports/:id/status', async (request, reply) => {
    const values = { status: field(request.body, 'status'), reason: field(request.body, 'reason') };
    try {
      const entry = await archive.reports.setStatus(request.viewer, request.params.id, values.status, values.reason);
      const status = isReportStatus(values.status) ? REPORT_STATUS_LABELS[values.status].toLowerCase() : '';
      setFlash(reply, `Report #${entry.id} is ${status}.`);
      return reply.redirect(adminReportPath(entry.id), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return caseForm(request, reply, values, error);
    }
  });

  app.post<{ Params: { id: string } }>('/admin/reports/:id/notes', async (request, reply) => {
    const values = { note: field(request.body, 'note') };
    try {
      const entry = await archive.reports.addNote(request.viewer, request.params.id, values.note);
      setFlash(reply, 'Your note was added.');
      return reply.redirect(`${adminReportPath(entry.id)}#case-notes`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return caseForm(request, reply, values, error);
    }
  });

  app.get('/admin/roles', async (request, reply) => {
    const staff = await archive.admin.staffList(request.viewer);
    return sendPage(request, reply, (ctx) => <RolesPage ctx={ctx} staff={staff} />);
  });

  for (const action of ['grant', 'revoke'] as const) {
    app.post(action === 'grant' ? '/admin/roles' : '/admin/roles/revoke', async (request, reply) => {
      const values: RoleFormValues = {
        login: field(request.body, 'login'),
        role: field(request.body, 'role'),
        reason: field(request.body, 'reason'),
      };
      try {
        const done = await archive.admin[action](request.viewer, values);
        const role = `${done.role === 'admin' ? 'an' : 'a'} ${ROLE_LABELS[done.role].toLowerCase()}`;
        setFlash(
          reply,
          action === 'grant'
            ? done.changed
              ? `${done.login} is now ${role}.`
              : `${done.login} already was ${role}.`
            : done.changed
              ? `${done.login} is no longer ${role}.`
              : `${done.login} was not ${role}.`,
        );
        return reply.redirect(adminPath('roles'), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const staff = await archive.admin.staffList(request.viewer);
        return sendPage(
          request,
          reply,
          (ctx) => <RolesPage ctx={ctx} staff={staff} values={values} errors={error.fieldErrors} />,
          422,
        );
      }
    });
  }

  app.get('/admin/log', async (request, reply) => {
    const log = await archive.audit.page(request.viewer, queryParam(request.query, 'page'));
    return sendPage(request, reply, (ctx) => <AuditLogPage ctx={ctx} log={log} admin={log.admin} />);
  });
}

import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { NewsPostForm } from '../../app/news.ts';
import { invitationPath, newsPath } from '../../paths.ts';
import { feedSite } from '../feed-site.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import {
  AdminInvitationsPage,
  AdminNewsFormPage,
  AdminNewsPage,
  AdminSettingsPage,
  AdminTermsPage,
  settingsValues,
} from '../views/admin-site.tsx';

function newsForm(body: unknown): NewsPostForm {
  return { title: field(body, 'title'), body: field(body, 'body'), tags: field(body, 'tags') };
}

/** The admin pages for running the site: news, terms and privacy, settings, invitations. Admins only (checked by each use case). */
export async function adminSiteRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/admin/news', async (request, reply) => {
    const list = await archive.news.forAdmin(request.viewer, queryParam(request.query, 'page'));
    return sendPage(request, reply, (ctx) => <AdminNewsPage ctx={ctx} list={list} />);
  });

  app.get('/admin/news/new', async (request, reply) => {
    await archive.staff.requireAdmin(request.viewer);
    return sendPage(request, reply, (ctx) => (
      <AdminNewsFormPage ctx={ctx} values={{ title: '', body: '', tags: '' }} errors={{}} />
    ));
  });

  app.post('/admin/news', async (request, reply) => {
    const values = newsForm(request.body);
    try {
      const id = await archive.news.create(request.viewer, values);
      setFlash(reply, 'The news post is published.');
      return reply.redirect(newsPath(id), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <AdminNewsFormPage ctx={ctx} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.get<{ Params: { id: string } }>('/admin/news/:id/edit', async (request, reply) => {
    const { id, form } = await archive.news.editForm(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <AdminNewsFormPage ctx={ctx} postId={id} values={form} errors={{}} />);
  });

  app.post<{ Params: { id: string } }>('/admin/news/:id', async (request, reply) => {
    const values = newsForm(request.body);
    try {
      const id = await archive.news.update(request.viewer, request.params.id, values);
      setFlash(reply, 'The news post is saved.');
      return reply.redirect(newsPath(id), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const postId = Number(request.params.id);
      return sendPage(
        request,
        reply,
        (ctx) => <AdminNewsFormPage ctx={ctx} postId={postId} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.post<{ Params: { id: string } }>('/admin/news/:id/delete', async (request, reply) => {
    const title = await archive.news.delete(request.viewer, request.params.id);
    setFlash(reply, `The news post “${title}” was deleted, with its comments.`);
    return reply.redirect('/admin/news', 303);
  });

  app.get('/admin/terms', async (request, reply) => {
    const editors = await archive.terms.editors(request.viewer);
    return sendPage(request, reply, (ctx) => <AdminTermsPage ctx={ctx} editors={editors} />);
  });

  app.post<{ Params: { kind: string } }>('/admin/terms/:kind', async (request, reply) => {
    const values = {
      body: field(request.body, 'body'),
      changeNote: field(request.body, 'changeNote'),
      requireAcceptance: checked(request.body, 'requireAcceptance'),
    };
    try {
      const saved = await archive.terms.save(request.viewer, request.params.kind, values);
      setFlash(
        reply,
        `Version ${saved.version} is saved${values.requireAcceptance ? '; members will be asked to accept it at their next visit' : ''}.`,
      );
      return reply.redirect('/admin/terms', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const editors = await archive.terms.editors(request.viewer);
      const kind = request.params.kind === 'privacy' ? 'privacy' : 'terms';
      return sendPage(
        request,
        reply,
        (ctx) => <AdminTermsPage ctx={ctx} editors={editors} form={{ kind, values, errors: error.fieldErrors }} />,
        422,
      );
    }
  });

  app.get('/admin/settings', async (request, reply) => {
    const settings = await archive.invitations.settingsForAdmin(request.viewer);
    const crawlers = { crawlers: await archive.crawlers.blockedCrawlersForAdmin(request.viewer) };
    return sendPage(request, reply, (ctx) => (
      <AdminSettingsPage ctx={ctx} values={settingsValues(settings)} errors={{}} crawlers={crawlers} />
    ));
  });

  app.post('/admin/settings', async (request, reply) => {
    const values = {
      signUpMode: field(request.body, 'signUpMode'),
      invitationsPerDay: field(request.body, 'invitationsPerDay'),
      newsGuestComments: checked(request.body, 'newsGuestComments'),
      unconfirmedMayPost: checked(request.body, 'unconfirmedMayPost'),
    };
    try {
      await archive.invitations.saveSettings(request.viewer, values);
      setFlash(reply, 'The settings are saved.');
      return reply.redirect('/admin/settings', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const crawlers = { crawlers: await archive.crawlers.blockedCrawlersForAdmin(request.viewer) };
      return sendPage(
        request,
        reply,
        (ctx) => <AdminSettingsPage ctx={ctx} values={values} errors={error.fieldErrors} crawlers={crawlers} />,
        422,
      );
    }
  });

  app.get('/admin/invitations', async (request, reply) => {
    const overview = await archive.invitations.overview(request.viewer);
    const origin = feedSite(request, reply).baseUrl;
    return sendPage(request, reply, (ctx) => <AdminInvitationsPage ctx={ctx} overview={overview} origin={origin} />);
  });

  app.post('/admin/invitations/codes', async (request, reply) => {
    const values = { count: field(request.body, 'count'), grantLogin: '', grantCount: '1' };
    let state;
    try {
      state = { created: await archive.invitations.issue(request.viewer, values.count) };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      state = { values, errors: error.fieldErrors };
    }
    const overview = await archive.invitations.overview(request.viewer);
    const origin = feedSite(request, reply).baseUrl;
    return sendPage(
      request,
      reply,
      (ctx) => <AdminInvitationsPage ctx={ctx} overview={overview} origin={origin} state={state} />,
      state.errors ? 422 : 200,
    );
  });

  app.post('/admin/invitations/grant', async (request, reply) => {
    const values = {
      count: '1',
      grantLogin: field(request.body, 'grantLogin'),
      grantCount: field(request.body, 'grantCount'),
    };
    try {
      const granted = await archive.invitations.grant(request.viewer, values.grantLogin, values.grantCount);
      setFlash(reply, `${granted.login} now has ${granted.remaining} invitations to give.`);
      return reply.redirect('/admin/invitations', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const overview = await archive.invitations.overview(request.viewer);
      const origin = feedSite(request, reply).baseUrl;
      return sendPage(
        request,
        reply,
        (ctx) => (
          <AdminInvitationsPage
            ctx={ctx}
            overview={overview}
            origin={origin}
            state={{ values, errors: error.fieldErrors }}
          />
        ),
        422,
      );
    }
  });

  app.post<{ Params: { id: string } }>('/admin/invitations/requests/:id/send', async (request, reply) => {
    const invitation = await archive.invitations.answer(request.viewer, request.params.id);
    const link = `${feedSite(request, reply).baseUrl}${invitationPath(invitation.code)}`;
    setFlash(
      reply,
      app.quire.config.smtpUrl
        ? `An invitation is on its way to ${invitation.email ?? ''}. Its link: ${link}`
        : `An invitation for ${invitation.email ?? ''} is ready. The archive sends no mail: give them this link: ${link}`,
    );
    return reply.redirect('/admin/invitations', 303);
  });
}

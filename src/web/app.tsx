import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { cookiesSecure, type Config } from '../config.ts';
import type { Store, User } from '../store/index.ts';
import type { ReaderSettings } from '../domain/reading.ts';
import { ConflictError, ForbiddenError, LogInRequiredError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { UnconfirmedEmailError } from '../app/recovery.ts';
import { UnconfirmedPage } from './views/recovery.tsx';
import { recoveryRoutes } from './routes/recovery.tsx';
import { LIMITS } from '../domain/works.ts';
import { Archive } from '../app/index.ts';
import { pageToReturnTo, registerSessions, sendToLogIn } from './session.ts';
import { registerRateLimits } from './rate-limits.ts';
import { registerOperations } from './operations.ts';
import { registerReadRouting } from './read-your-writes.ts';
import { registerKudosProof } from './kudos-proof.ts';
import { GuestPages, registerGuestPages } from './guest-pages.ts';
import { sendPage } from './render.ts';
import { ErrorPage } from './views/errors.tsx';
import { homeRoutes } from './routes/home.tsx';
import { signUpRoutes } from './routes/signup.tsx';
import { logInRoutes } from './routes/login.tsx';
import { twoFactorRoutes } from './routes/two-factor.tsx';
import { accountRoutes } from './routes/account.tsx';
import { dataExportRoutes } from './routes/data-exports.tsx';
import { userRoutes } from './routes/users.tsx';
import { searchRoutes } from './routes/search.tsx';
import { readingRoutes } from './routes/reading.tsx';
import { workRoutes } from './routes/works.tsx';
import { tagRoutes } from './routes/tags.tsx';
import { chapterRoutes } from './routes/chapters.tsx';
import { seriesRoutes } from './routes/series.tsx';
import { workPeopleRoutes } from './routes/work-people.tsx';
import { autosaveRoutes } from './routes/autosave.ts';
import { mergeRoutes } from './routes/merges.tsx';
import { inboxRoutes } from './routes/inbox.tsx';
import { subscriptionRoutes } from './routes/subscriptions.tsx';
import { kudosRoutes } from './routes/kudos.tsx';
import { commentRoutes } from './routes/comments.tsx';
import { passageCommentRoutes } from './routes/passage-comments.tsx';
import { blockRoutes } from './routes/blocks.tsx';
import { bookmarkRoutes } from './routes/bookmarks.tsx';
import { wranglingRoutes } from './routes/wrangling.tsx';
import { tagAdminRoutes } from './routes/tag-admin.tsx';
import { muteRoutes } from './routes/mutes.tsx';
import { importRoutes } from './routes/imports.tsx';
import { registerWorkRedirects } from './work-redirects.ts';
import { registerUserRedirects } from './user-redirects.ts';
import { sessionRoutes } from './routes/sessions.tsx';
import { feedRoutes } from './routes/feeds.ts';
import { opdsRoutes } from './routes/opds.ts';
import { apiRoutes } from './routes/api/index.ts';
import { apiTokenRoutes } from './routes/api-tokens.tsx';
import { historyRoutes } from './routes/readings.tsx';
import { writerStatsRoutes } from './routes/writer-stats.tsx';
import { downloadRoutes } from './routes/downloads.tsx';
import { browseRoutes } from './routes/browse.tsx';
import { newsRoutes } from './routes/news.tsx';
import { registerTermsGate, termsRoutes } from './routes/terms.tsx';
import { invitationRoutes } from './routes/invitations.tsx';
import { adminSiteRoutes } from './routes/admin-site.tsx';
import { reportRoutes } from './routes/reports.tsx';
import { moderationRoutes } from './routes/moderation.tsx';
import { crawlerRoutes } from './routes/crawlers.tsx';
import { registerRobotsDirectives } from './robots.ts';
import { adminRoutes } from './routes/admin.tsx';
import { collectionRoutes } from './routes/collections.tsx';
import { giftExchangeRoutes } from './routes/gift-exchanges.tsx';
import { promptMemeRoutes } from './routes/prompt-memes.tsx';
import { WorkSearch } from '../search/work-search.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The archive's use cases, its settings and this process's works index (for the hooks that
     * keep it current). The store is not here: routes reach data only through the archive.
     */
    quire: { config: Config; search: WorkSearch; archive: Archive };
  }
  interface FastifyRequest {
    viewer: User | null;
    sessionToken: string | undefined;
    flash: string | undefined;
    /** Co-creator invitations waiting for the viewer's answer (0 for guests). */
    invitationCount: number;
    /** Unread notifications in the viewer's inbox (0 for guests). */
    unreadNoticeCount: number;
    /** A moderator or admin, for the header's link to the admin area (each admin page checks again). */
    staff: boolean;
    /** Always set by the session hook; null only before it runs. */
    reading: ReaderSettings | null;
  }
}

export interface AppOptions {
  store: Store;
  config: Config;
  logger?: boolean | { level: string };
}

const CSRF_MESSAGE =
  'This form could not be checked, which happens when it was opened before your browser session began. Go back, reload the page and send it again: what you typed is still in the form.';

export async function buildApp({ store, config, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    // One proxy of our own in front: the client is the address it saw (the last X-Forwarded-For
    // entry), whatever addresses the client put in the header itself.
    trustProxy: config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: 8 * 1024 * 1024,
    // A request on an open connection while the server closes (a rolling restart) is still answered.
    return503OnClosing: false,
    // A tag name is in its pages' paths: the longest a form accepts, percent-encoded at 12 characters a character.
    routerOptions: { maxParamLength: LIMITS.tagName * 12 + 100 },
  });
  // The works index loads every work once per process; routes listing works share it.
  const search = await WorkSearch.open(store, config.searchEngine);
  app.decorate('quire', { config, search, archive: new Archive({ store, search, config }) });
  // Readings gathered for writing together are written before the process lets go of the database.
  app.addHook('onClose', async () => {
    await Promise.all([app.quire.archive.visitors.flush(), app.quire.archive.kudos.flush()]);
  });

  const secret =
    (await store.settings.get('cookie_secret')) ??
    (await store.settings.getOrSet('cookie_secret', randomBytes(32).toString('base64url')));
  // Every cookie's default: Secure when the public address is https (even through a proxy that is not
  // trusted, whose requests arrive over plain HTTP), else when the request came over HTTPS.
  await app.register(cookie, { secret, parseOptions: { secure: cookiesSecure(config) || 'auto' } });
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // Plain-HTTP localhost must keep working; HSTS belongs to the TLS proxy in front.
    strictTransportSecurity: false,
  });
  // First of the request hooks: /health and /metrics skip sessions, limits and the guest page cache.
  registerOperations(app);
  // Counted in the database (or Redis) so that every limit holds across all server processes.
  await registerRateLimits(app, { config, counters: store.rateLimits });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: cookiesSecure(config) || 'auto' },
  });
  // Checked as a preHandler (after the body is parsed), so a token in a form body is seen.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    // The API authenticates by bearer token only and never reads cookies, so there is no CSRF to check.
    if (request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });

  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./static/', import.meta.url)),
    prefix: '/static/',
    maxAge: '1h',
  });

  registerWorkRedirects(app);
  // Before the session hook: an old username's pages move for everyone alike.
  registerUserRedirects(app);
  registerSessions(app);
  // After the session hook (sessions are looked up on the primary): the rest of a GET may read from a replica.
  registerReadRouting(app, store.handle.replicas);
  // After the session hook: members asked to accept changed terms go to the accept page first.
  registerTermsGate(app);
  // No one types U+0000 and PostgreSQL cannot store it: refuse it before any use case sees it.
  app.addHook('preHandler', async (request) => {
    const where = nulCharacterIn(request.params, 'the address') ?? nulCharacterIn(request.query, 'the address');
    const found = where ?? nulCharacterIn(request.body, 'the form');
    if (found)
      throw Object.assign(
        new Error(`${found} holds a NUL character (U+0000), which the archive cannot keep. Remove it and send again.`),
        { statusCode: 400 },
      );
  });
  // A redirect target can hold what someone typed (return_to): HTTP allows only visible ASCII there.
  app.addHook('onSend', async (_request, reply, payload) => {
    const location = reply.getHeader('location');
    if (typeof location === 'string' && /[^\x21-\x7e]/.test(location))
      reply.header('location', percentEncoded(location));
    return payload;
  });
  // Before the guest page cache: a kept work page carries its X-Robots-Tag header as well.
  registerRobotsDirectives(app);
  // Before the guest page cache: a guest's kudos not yet written count as left on any process.
  registerKudosProof(app);
  registerGuestPages(app, new GuestPages(config.guestPages));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const outcome: unknown = error;
    if (outcome instanceof LogInRequiredError && !outcome.registeredOnly) return sendToLogIn(request, reply);
    // Posting or commenting before the address is confirmed: the page offers to send the link again.
    if (outcome instanceof UnconfirmedEmailError)
      return sendPage(request, reply, (ctx) => <UnconfirmedPage ctx={ctx} message={outcome.message} />, 403);
    let status = error.statusCode ?? 500;
    let message = error.message;
    if (error instanceof LogInRequiredError) status = 403;
    else if (error instanceof NotFoundError) status = 404;
    else if (error instanceof ForbiddenError) status = 403;
    else if (error instanceof ConflictError) status = 409;
    else if (error instanceof ValidationError) status = 400;
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') message = CSRF_MESSAGE;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') message = 'What you sent is larger than the archive accepts.';
    if (status >= 500) {
      request.log.error(error);
      status = 500;
      message =
        'The archive ran into a problem it did not expect. Nothing you sent was half-saved; please try again in a moment.';
    }
    const logInReturnTo = error instanceof LogInRequiredError ? pageToReturnTo(request) : undefined;
    return sendPage(
      request,
      reply,
      (ctx) => <ErrorPage ctx={ctx} status={status} message={message} logInReturnTo={logInReturnTo} />,
      status,
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendPage(
      request,
      reply,
      (ctx) => (
        <ErrorPage
          ctx={ctx}
          status={404}
          message="There is nothing at this address. It may have moved or been deleted."
        />
      ),
      404,
    ),
  );

  await app.register(homeRoutes);
  await app.register(signUpRoutes);
  await app.register(logInRoutes);
  await app.register(twoFactorRoutes);
  await app.register(accountRoutes);
  await app.register(dataExportRoutes);
  await app.register(recoveryRoutes);
  await app.register(sessionRoutes);
  await app.register(userRoutes);
  await app.register(searchRoutes);
  await app.register(readingRoutes);
  await app.register(workRoutes);
  await app.register(tagRoutes);
  await app.register(chapterRoutes);
  await app.register(seriesRoutes);
  await app.register(workPeopleRoutes);
  await app.register(autosaveRoutes);
  await app.register(mergeRoutes);
  await app.register(inboxRoutes);
  await app.register(subscriptionRoutes);
  await app.register(kudosRoutes);
  await app.register(commentRoutes);
  await app.register(passageCommentRoutes);
  await app.register(blockRoutes);
  await app.register(bookmarkRoutes);
  await app.register(feedRoutes);
  await app.register(opdsRoutes);
  await app.register(apiTokenRoutes);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  await app.register(historyRoutes);
  await app.register(writerStatsRoutes);
  await app.register(wranglingRoutes);
  await app.register(tagAdminRoutes);
  await app.register(muteRoutes);
  await app.register(importRoutes);
  await app.register(downloadRoutes);
  await app.register(browseRoutes);
  await app.register(newsRoutes);
  await app.register(termsRoutes);
  await app.register(invitationRoutes);
  await app.register(adminSiteRoutes);
  await app.register(reportRoutes);
  await app.register(adminRoutes);
  await app.register(moderationRoutes);
  await app.register(crawlerRoutes);
  await app.register(collectionRoutes);
  await app.register(giftExchangeRoutes);
  await app.register(promptMemeRoutes);
  return app;
}

/** The characters HTTP does not allow in a header (spaces, controls, non-ASCII) as UTF-8 percent-escapes. */
function percentEncoded(location: string): string {
  return location.replace(/[^\x21-\x7e]/gu, (character) =>
    [...Buffer.from(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** Where in a parsed request a NUL character is (“the form's “title””), if anywhere; uploaded bytes are not text. */
function nulCharacterIn(value: unknown, where: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? where : undefined;
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array || depth > 32) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const named = depth === 0 && where === 'the form' ? `The field “${key}”` : where;
    const found = key.includes('\u0000') ? where : nulCharacterIn(inner, named, depth + 1);
    if (found) return found.charAt(0).toUpperCase() + found.slice(1);
  }
  return undefined;
}

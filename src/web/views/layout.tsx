import type { ComponentChildren } from 'preact';
import type { User } from '../../store/index.ts';
import type { ReaderSettings } from '../../domain/reading.ts';
import { userPath, logInPath } from '../../paths.ts';
import { isolateBidi } from '../../text/bidi.ts';

/** What every page knows about the request it answers. Views never query; this is all they get. */
export interface PageContext {
  archiveName: string;
  viewer: User | null;
  /** Co-creator invitations waiting for the viewer. */
  invitationCount?: number;
  /** Unread notifications in the viewer's inbox. */
  unreadNoticeCount?: number;
  /** The viewer is a moderator or admin: the header links to the admin area. */
  staff?: boolean;
  csrfToken: string;
  path: string;
  flash?: string;
  query?: string;
  reading: ReaderSettings;
  /** Robots directives for the page ("noindex, noai, noimageai") when what it shows asked not to be indexed. */
  robots?: string;
}

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

function Header({ ctx }: { ctx: PageContext }) {
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <a class="site-name" href="/">
          {ctx.archiveName}
        </a>
        <a class="site-works" href="/works">
          Works
        </a>
        <a class="site-works" href="/collections">
          Collections
        </a>
        <form class="site-search" role="search" method="get" action="/search">
          <label for="site-search-q">Search</label>
          <input id="site-search-q" type="search" name="q" value={ctx.query ?? ''} placeholder="Works, people, tags" />
          <button type="submit">Go</button>
        </form>
        <nav class="site-nav" aria-label="Account">
          {ctx.viewer ? (
            <ul>
              <li>
                <a href={userPath(ctx.viewer.login)}>
                  <span class="visually-hidden">Signed in as </span>
                  {ctx.viewer.login}
                </a>
              </li>
              <li>
                <a href="/works/new">Post</a>
              </li>
              <li>
                <a href="/works/import">Import</a>
              </li>
              {ctx.invitationCount ? (
                <li>
                  <a href="/invitations">
                    Invitations <span class="badge">{ctx.invitationCount}</span>
                  </a>
                </li>
              ) : null}
              <li>
                <a href="/inbox">
                  Inbox
                  {ctx.unreadNoticeCount ? (
                    <>
                      {' '}
                      <span class="badge">
                        {ctx.unreadNoticeCount}
                        <span class="visually-hidden"> unread</span>
                      </span>
                    </>
                  ) : null}
                </a>
              </li>
              {ctx.staff ? (
                <li>
                  <a href="/admin">Admin</a>
                </li>
              ) : null}
              <li>
                <a href="/account">Account</a>
              </li>
              <li>
                <form method="post" action="/logout" class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="link-button">
                    Log out
                  </button>
                </form>
              </li>
            </ul>
          ) : (
            <ul>
              <li>
                <a href={logInPath(ctx.path !== '/' && !ctx.path.startsWith('/login') ? ctx.path : undefined)}>
                  Log in
                </a>
              </li>
              <li>
                <a href="/signup" class="button">
                  Sign up
                </a>
              </li>
            </ul>
          )}
        </nav>
      </div>
    </header>
  );
}

/** An Atom feed that follows the page, for feed readers to discover. */
export interface PageFeed {
  title: string;
  href: string;
}

/** scripts: same-origin ES modules the page enhances itself with; every page works without them. */
export function Layout({
  ctx,
  title,
  children,
  scripts = [],
  feeds = [],
  refreshSeconds,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  scripts?: string[];
  feeds?: PageFeed[];
  /** Reload the page after this many seconds (a job's progress, shown without JavaScript). */
  refreshSeconds?: number;
}) {
  return (
    <html lang="en" class={`font-${ctx.reading.fontSize} theme-${ctx.reading.theme} width-${ctx.reading.lineWidth}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
        {ctx.robots ? <meta name="robots" content={ctx.robots} /> : null}
        <title>{title === ctx.archiveName ? title : `${isolateBidi(title)} · ${ctx.archiveName}`}</title>
        {/* For scripts that post on the page's behalf (autosave); forms carry their own field. */}
        <meta name="csrf-token" content={ctx.csrfToken} />
        <link rel="stylesheet" href="/static/quire.css" />
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
        {feeds.map((feed) => (
          <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Header ctx={ctx} />
        <main id="main" tabIndex={-1}>
          {ctx.flash ? (
            <p class="flash" role="status">
              {ctx.flash}
            </p>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <p>
            <a href="/settings/reading">Reading settings</a>
          </p>
          <p>
            <a href="/news">Site news</a> · <a href="/terms">Terms of service</a> ·{' '}
            <a href="/privacy">Privacy policy</a>
          </p>
          <p>
            {ctx.archiveName === 'Quire' ? 'Quire is' : `${ctx.archiveName} runs on Quire,`} a fan fiction archive you
            can host yourself.
          </p>
        </footer>
      </body>
    </html>
  );
}

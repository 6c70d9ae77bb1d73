import { Layout, type PageContext } from './layout.tsx';
import { Byline } from './people.tsx';
import type { PseudByline, WorkBlurb } from '../../store/index.ts';
import { WorkList } from './blurbs.tsx';
import { userActionPath, userPath } from '../../paths.ts';
import type { NewsTeaser } from '../../app/news.ts';
import { NewsTeasers } from './news.tsx';
import type { ContinueReading } from '../../app/readings.ts';
import { ContinueReadingList } from './reading-position.tsx';

export function HomePage({
  ctx,
  newestPseuds,
  userCount,
  recentWorks,
  news = [],
  continueReading = [],
}: {
  ctx: PageContext;
  newestPseuds: PseudByline[];
  userCount: number;
  recentWorks: WorkBlurb[];
  news?: NewsTeaser[];
  continueReading?: ContinueReading[];
}) {
  return (
    <Layout ctx={ctx} title={ctx.archiveName}>
      <section class="intro" aria-labelledby="intro-heading">
        <h1 id="intro-heading">{ctx.archiveName}</h1>
        <p class="lead">
          A home for fan works: post your stories under the pen names you choose, and find the ones you love to read.
        </p>
      </section>

      <NewsTeasers news={news} />

      <ContinueReadingList entries={continueReading} />

      <section aria-labelledby="works-heading">
        <h2 id="works-heading">Recent works</h2>
        <WorkList
          works={recentWorks}
          empty="No works have been posted yet. The first story posted here appears at the top of this list."
        />
        <p>
          <a href="/works">Browse and search all works</a>
        </p>
      </section>

      <section aria-labelledby="start-heading">
        <h2 id="start-heading">How to start</h2>
        {ctx.viewer ? (
          <ol>
            <li>
              <a href="/works/new">Post a new work</a>: a one-shot, or the first chapter of a longer story.
            </li>
            <li>
              Your first pen name is <strong>{ctx.viewer.login}</strong>.{' '}
              <a href={userActionPath(ctx.viewer.login, 'pseuds/new')}>Add another pen name</a> to keep fandoms or
              genres apart.
            </li>
            <li>
              Tell readers about yourself in a pen name's description on{' '}
              <a href={userPath(ctx.viewer.login)}>your user page</a>.
            </li>
            <li>
              Keep your account safe on the <a href="/account">account page</a>.
            </li>
          </ol>
        ) : (
          <ol>
            <li>
              <a href="/signup">Create an account</a>: a username, an email address and a password.
            </li>
            <li>Your username becomes your first pen name; add more whenever you like.</li>
            <li>
              Already a member? <a href="/login">Log in</a>.
            </li>
          </ol>
        )}
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">Newest pen names</h2>
        {newestPseuds.length === 0 ? (
          <p>Nobody has joined yet. Be the first.</p>
        ) : (
          <>
            <p class="meta">
              {userCount} {userCount === 1 ? 'member' : 'members'} so far.
            </p>
            <ul class="pseud-list pseud-list--compact">
              {newestPseuds.map((pseud) => (
                <li>
                  <Byline pseud={pseud} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Layout>
  );
}

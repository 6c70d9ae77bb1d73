import { Layout, CsrfField, type PageContext } from './layout.tsx';
import type { MutedTag, MutedUser, MuteKind, SavedSearch } from '../../store/index.ts';
import { KIND_LABELS } from '../../domain/tags.ts';
import { feedPaths } from '../../formats/feeds.ts';
import { ErrorSummary, TextField, Actions, CHAR_COUNT_SCRIPT, type FieldErrors } from './forms.tsx';
import { tagPagePath, userPath } from '../../paths.ts';
import { SAVED_SEARCH_LIMITS } from '../../domain/saved-searches.ts';

/** Mute or unmute a tag or a user: a muted tag's or user's works vanish from the viewer's lists. */
export function MuteButton({
  ctx,
  kind,
  targetId,
  label,
  muted,
}: {
  ctx: PageContext;
  kind: MuteKind;
  targetId: number;
  label: string;
  muted: boolean;
}) {
  return (
    <form method="post" action={muted ? '/mutes/delete' : '/mutes'} class="inline-form mute-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={String(targetId)} />
      <input type="hidden" name="return_to" value={ctx.path} />
      <button type="submit" class="button--secondary">
        {muted ? 'Unmute' : 'Mute'} <span class="visually-hidden">{label}</span>
      </button>
    </form>
  );
}

export function MutedPage({ ctx, tags, users }: { ctx: PageContext; tags: MutedTag[]; users: MutedUser[] }) {
  return (
    <Layout ctx={ctx} title="Muted tags and users">
      <div class="narrow">
        <h1>Muted tags and users</h1>
        <p>
          Works carrying a muted tag (or one of its synonyms or subtags) and works by a muted user are left out of every
          list you see, and the counts leave them out too. Mute a tag from its tag page and a user from their user page.
        </p>
        <section aria-labelledby="muted-tags-heading">
          <h2 id="muted-tags-heading">Muted tags</h2>
          {tags.length > 0 ? (
            <ul class="muted-list">
              {tags.map((tag) => (
                <li>
                  <a href={tagPagePath(tag.name, tag.kind)}>{tag.name}</a>{' '}
                  <span class="meta">({KIND_LABELS[tag.kind]})</span>{' '}
                  <MuteButton ctx={ctx} kind="tag" targetId={tag.id} label={tag.name} muted />
                </li>
              ))}
            </ul>
          ) : (
            <p>You have not muted any tags.</p>
          )}
        </section>
        <section aria-labelledby="muted-users-heading">
          <h2 id="muted-users-heading">Muted users</h2>
          {users.length > 0 ? (
            <ul class="muted-list">
              {users.map((user) => (
                <li>
                  <a href={userPath(user.login)}>{user.login}</a>{' '}
                  <MuteButton ctx={ctx} kind="user" targetId={user.id} label={user.login} muted />
                </li>
              ))}
            </ul>
          ) : (
            <p>You have not muted anyone.</p>
          )}
        </section>
      </div>
    </Layout>
  );
}

export interface SavedSearchForm {
  name: string;
  query: string;
}

export function SavedSearchesPage({
  ctx,
  searches,
  values,
  errors,
}: {
  ctx: PageContext;
  searches: SavedSearch[];
  values?: SavedSearchForm;
  errors?: FieldErrors;
}) {
  return (
    <Layout ctx={ctx} title="Saved searches" scripts={[CHAR_COUNT_SCRIPT]}>
      <div class="narrow">
        <h1>Saved searches</h1>
        <p>Save a search from the works listing to come back to it, or follow it in a feed reader.</p>
        {searches.length > 0 ? (
          <ul class="saved-searches">
            {searches.map((search) => (
              <li>
                <a href={`/works?${search.query}`}>{search.name}</a>
                <span class="meta saved-searches__query"> {decodeQuery(search.query)}</span>{' '}
                <a href={feedPaths.savedSearch(search.feedToken)} type="application/atom+xml">
                  Atom feed <span class="visually-hidden">of {search.name}</span>
                </a>{' '}
                <form method="post" action={`/saved-searches/${search.id}/delete`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="button--secondary">
                    Delete <span class="visually-hidden">{search.name}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p>You have no saved searches yet.</p>
        )}
        <section aria-labelledby="save-search-heading">
          <h2 id="save-search-heading">Save a search</h2>
          <ErrorSummary errors={errors ?? {}} labels={{ name: 'Name', query: 'Search' }} />
          <form method="post" action="/saved-searches" novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="name"
              label="Name"
              value={values?.name}
              error={errors?.name}
              required
              maxLength={SAVED_SEARCH_LIMITS.name}
            />
            <TextField
              name="query"
              label="Search"
              value={values?.query}
              error={errors?.query}
              required
              hint="The part of a works listing's address after “/works?”, e.g. include_freeform=Fluff&complete=yes."
            />
            <Actions>
              <button type="submit">Save search</button>
            </Actions>
          </form>
        </section>
      </div>
    </Layout>
  );
}

/** A saved query as a reader reads it: "tag: Fluff · complete: 1". */
function decodeQuery(query: string): string {
  return [...new URLSearchParams(query)].map(([key, value]) => `${key}: ${value}`).join(' · ');
}

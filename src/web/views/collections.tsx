import type { ComponentChildren } from 'preact';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { WorkList } from './blurbs.tsx';
import { BrowsePage } from './browse.tsx';
import { BookmarkItem } from './bookmarks.tsx';
import { Pagination } from './tags.tsx';
import { FeedLink } from './feeds.tsx';
import { PromptMemeLink } from './prompt-memes.tsx';
import { formatDate } from '../format.ts';
import {
  COLLECTION_LIMITS,
  ROLE_LABELS,
  settingsInWords,
  type CollectionFormValues,
} from '../../domain/collections.ts';
import type { WorkFilterForm } from '../../domain/work-filters.ts';
import type { WorkSearchResult } from '../../search/work-search.ts';
import type {
  Collection,
  CollectionItem,
  CollectionParticipant,
  Pseud,
  WorkCollectionItem,
} from '../../store/index.ts';
import type { CollectionList, CollectionPowers, CollectionProfile, ParticipantsView } from '../../app/collections.ts';
import type { ShownBookmark } from '../../app/bookmarks.ts';
import type { Work } from '../../store/index.ts';
import { collectionPath, collectionsPath, pseudPath, userPath, workCollectionsPath, workPath } from '../../paths.ts';

/** The collection's pages, as a row of links under its title. */
export function CollectionNav({
  collection,
  powers,
  current,
}: {
  collection: Collection;
  powers: CollectionPowers;
  current: string;
}) {
  const pages: [string, string][] = [
    ['', 'Profile'],
    ['works', 'Works'],
    ['bookmarks', 'Bookmarks'],
    ['participants', 'Participants'],
  ];
  if (powers.promptMeme) pages.push(['prompts', 'Prompts']);
  if (powers.giftExchange) pages.push(['exchange', 'Gift exchange']);
  else if (powers.owner && !powers.promptMeme) pages.push(['exchange/settings', 'Set up a gift exchange']);
  if (powers.maintainer) pages.push(['items', 'Manage items']);
  if (powers.owner) pages.push(['edit', 'Settings']);
  return (
    <CollectionPageLinks
      collection={collection}
      label={`Collection: ${collection.title}`}
      pages={pages}
      current={current}
    />
  );
}

/** A row of links to pages of a collection (`page` '' is its profile), the current one marked. */
export function CollectionPageLinks({
  collection,
  label,
  pages,
  current,
  extraClass = '',
}: {
  collection: Collection;
  label: string;
  pages: [string, string][];
  current: string;
  extraClass?: string;
}) {
  return (
    <nav class={`collection-nav ${extraClass}`.trim()} aria-label={label}>
      <ul>
        {pages.map(([page, text]) => (
          <li>
            <a
              href={collectionPath(collection.name, page || undefined)}
              aria-current={page === current ? 'page' : undefined}
            >
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CollectionHeading({ collection, children }: { collection: Collection; children?: ComponentChildren }) {
  return (
    <h1>
      {children}
      <bdi>{collection.title}</bdi> <span class="collection-name">({collection.name})</span>
    </h1>
  );
}

/** A participant as "pen name (username)", linked to the pen name. */
function ParticipantName({ p }: { p: CollectionParticipant }) {
  return (
    <>
      <a href={pseudPath(p.login, p.pseudName)}>
        <bdi>{p.pseudName}</bdi>
      </a>
      {p.pseudName !== p.login ? (
        <>
          {' '}
          (<bdi>{p.login}</bdi>)
        </>
      ) : null}
    </>
  );
}

export function CollectionsIndexPage({
  ctx,
  list,
  query,
}: {
  ctx: PageContext;
  list: CollectionList;
  query: { q: string; status: string; sort: string };
}) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.status) params.set('status', query.status);
  if (query.sort) params.set('sort', query.sort);
  return (
    <Layout ctx={ctx} title="Collections">
      <h1>Collections</h1>
      <p>Where fandoms gather works: fests, exchanges, challenges and themed lists.</p>
      {ctx.viewer ? (
        <div class="owner-actions">
          <a class="button" href={collectionsPath() + '/new'}>
            New collection
          </a>
        </div>
      ) : null}
      <form method="get" action={collectionsPath()} class="collection-search" role="search">
        <div class="field">
          <label for="field-q">Title or short name</label>
          <input id="field-q" type="search" name="q" value={query.q} />
        </div>
        <div class="field">
          <label for="field-status">Open to new works</label>
          <select id="field-status" name="status">
            <option value="" selected={query.status === ''}>
              Open or closed
            </option>
            <option value="open" selected={query.status === 'open'}>
              Open
            </option>
            <option value="closed" selected={query.status === 'closed'}>
              Closed
            </option>
          </select>
        </div>
        <div class="field">
          <label for="field-sort">Sort by</label>
          <select id="field-sort" name="sort">
            <option value="title" selected={query.sort !== 'newest'}>
              Title
            </option>
            <option value="newest" selected={query.sort === 'newest'}>
              Newest
            </option>
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <h2>
        {list.total.toLocaleString('en')} {list.total === 1 ? 'collection' : 'collections'}
        {query.q ? (
          <>
            {' '}
            matching <bdi>“{query.q}”</bdi>
          </>
        ) : null}
      </h2>
      {list.collections.length === 0 ? (
        <p>{list.page > 1 ? 'This page is past the end of the list.' : 'No collections match.'}</p>
      ) : (
        <ol class="collection-list">
          {list.collections.map((c) => (
            <li class="collection-blurb">
              <h3>
                <a href={collectionPath(c.name)}>
                  <bdi>{c.title}</bdi>
                </a>{' '}
                <span class="collection-name">({c.name})</span>
              </h3>
              <p class="meta">
                {c.open ? 'Open' : 'Closed'}
                {c.moderated ? ' · Moderated' : ''}
                {c.unrevealed ? ' · Unrevealed' : ''}
                {c.anonymous ? ' · Anonymous' : ''} · Since {formatDate(c.createdAt)}
              </p>
              {c.description ? (
                <div class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: c.description }} />
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination
        base={collectionsPath(params.toString())}
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
      />
    </Layout>
  );
}

export function CollectionPage({ ctx, profile }: { ctx: PageContext; profile: CollectionProfile }) {
  const { collection, parent, children, maintainers, counts, recent, powers, ownWorks, ownBookmarks } = profile;
  const feed = { title: `Works in ${collection.title}`, href: collectionPath(collection.name, 'works.atom') };
  return (
    <Layout ctx={ctx} title={collection.title} feeds={[feed]}>
      <CollectionHeading collection={collection} />
      <CollectionNav collection={collection} powers={powers} current="" />
      {parent ? (
        <p class="meta">
          A subcollection of{' '}
          <a href={collectionPath(parent.name)}>
            <bdi>{parent.title}</bdi>
          </a>
        </p>
      ) : null}
      <dl class="work-meta">
        {collection.description ? (
          <div>
            <dt>Description:</dt>
            <dd class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: collection.description }} />
          </div>
        ) : null}
        <div>
          <dt>Maintainers:</dt>
          <dd>
            <ul class="comma-list">
              {maintainers.map((m) => (
                <li>
                  <ParticipantName p={m} /> ({ROLE_LABELS[m.role].toLowerCase()})
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Settings:</dt>
          <dd>
            <ul>
              {settingsInWords(collection).map((line) => (
                <li>{line}</li>
              ))}
              {collection.revealWorksAt ? <li>Works are revealed on {formatDate(collection.revealWorksAt)}.</li> : null}
              {collection.revealCreatorsAt ? (
                <li>Creators are revealed on {formatDate(collection.revealCreatorsAt)}.</li>
              ) : null}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Stats:</dt>
          <dd>
            Works: {counts.works} · Bookmarks: {counts.bookmarks} · Participants: {counts.participants} · Since{' '}
            {formatDate(collection.createdAt)}
          </dd>
        </div>
      </dl>
      <PromptMemeLink collection={collection} promptMeme={profile.promptMeme} owner={powers.owner} />
      {collection.rules ? (
        <section>
          <h2>Rules</h2>
          <div class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: collection.rules }} />
        </section>
      ) : null}
      {collection.faq ? (
        <section>
          <h2>FAQ</h2>
          <div class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: collection.faq }} />
        </section>
      ) : null}
      {children.length > 0 ? (
        <section>
          <h2>Subcollections</h2>
          <ul>
            {children.map((c) => (
              <li>
                <a href={collectionPath(c.name)}>
                  <bdi>{c.title}</bdi>
                </a>{' '}
                <span class="collection-name">({c.name})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>Recent works</h2>
        <FeedLink feed={feed} />
        <WorkList works={recent} empty="No works you can see are in this collection yet." />
        {counts.works > recent.length ? (
          <p>
            <a href={collectionPath(collection.name, 'works')}>All {counts.works} works in this collection</a>
          </p>
        ) : null}
      </section>
      {ctx.viewer && (collection.open || powers.maintainer) ? (
        <section>
          <h2>Add to this collection</h2>
          {collection.moderated && !powers.maintainer ? (
            <p>This collection is moderated: what you add waits for a maintainer’s approval.</p>
          ) : null}
          {ownWorks.length > 0 ? (
            <form method="post" action={collectionPath(collection.name, 'works')} class="search-form">
              <CsrfField ctx={ctx} />
              <label for="field-work">Add my work</label>
              <select id="field-work" name="work">
                {ownWorks.map((w) => (
                  <option value={String(w.id)}>{w.title}</option>
                ))}
              </select>
              <button type="submit">Add work</button>
            </form>
          ) : (
            <p>You have no posted works to add here. The posting form’s “Collections” field adds a new one.</p>
          )}
          {ownBookmarks.length > 0 ? (
            <form method="post" action={collectionPath(collection.name, 'bookmarks')} class="search-form">
              <CsrfField ctx={ctx} />
              <label for="field-bookmark">Add my bookmark</label>
              <select id="field-bookmark" name="bookmark">
                {ownBookmarks.map((b) => (
                  <option value={String(b.id)}>{b.title}</option>
                ))}
              </select>
              <button type="submit">Add bookmark</button>
            </form>
          ) : null}
        </section>
      ) : !ctx.viewer ? null : (
        <p>This collection is closed: it takes no new works.</p>
      )}
    </Layout>
  );
}

/** /collections/NAME/works: the /works page over the collection's works. */
export function CollectionWorksPage({
  ctx,
  collection,
  result,
  form,
  errors,
  page,
  pageSize,
}: {
  ctx: PageContext;
  collection: Collection;
  result: WorkSearchResult | null;
  form: WorkFilterForm;
  errors: FieldErrors;
  page: number;
  pageSize: number;
}) {
  const scope = {
    path: collectionPath(collection.name, 'works'),
    title: `Works in ${collection.title}`,
    by: `in ${collection.title}`,
    intro: (
      <p class="meta">
        <a href={collectionPath(collection.name)}>
          The collection <bdi>{collection.title}</bdi>
        </a>{' '}
        · <a href={collectionPath(collection.name, 'works.atom')}>Atom feed</a>
      </p>
    ),
  };
  return (
    <BrowsePage ctx={ctx} form={form} errors={errors} result={result} page={page} pageSize={pageSize} scope={scope} />
  );
}

export function CollectionBookmarksPage({
  ctx,
  collection,
  powers,
  bookmarks,
}: {
  ctx: PageContext;
  collection: Collection;
  powers: CollectionPowers;
  bookmarks: ShownBookmark[];
}) {
  return (
    <Layout ctx={ctx} title={`Bookmarks in ${collection.title}`}>
      <CollectionHeading collection={collection}>Bookmarks in </CollectionHeading>
      <CollectionNav collection={collection} powers={powers} current="bookmarks" />
      {bookmarks.length === 0 ? <p>No bookmarks you can see are in this collection yet.</p> : null}
      <ol class="bookmark-list">
        {bookmarks.map((shown) => (
          <BookmarkItem ctx={ctx} shown={shown} showThing />
        ))}
      </ol>
    </Layout>
  );
}

function RoleSelect({ id, name, value }: { id: string; name: string; value?: string }) {
  return (
    <select id={id} name={name}>
      {(['member', 'moderator', 'owner'] as const).map((role) => (
        <option value={role} selected={value === role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

export function ParticipantsPage({
  ctx,
  view,
  errors = {},
  login = '',
}: {
  ctx: PageContext;
  view: ParticipantsView;
  errors?: FieldErrors;
  login?: string;
}) {
  const { collection, participants, powers, pseuds } = view;
  const path = collectionPath(collection.name, 'participants');
  return (
    <Layout ctx={ctx} title={`Participants of ${collection.title}`}>
      <CollectionHeading collection={collection}>Participants of </CollectionHeading>
      <CollectionNav collection={collection} powers={powers} current="participants" />
      <ErrorSummary errors={errors} labels={{ login: 'Username' }} />
      {ctx.viewer && !powers.role ? (
        collection.open ? (
          <form method="post" action={`${path}/join`} class="search-form">
            <CsrfField ctx={ctx} />
            <label for="field-pseudId">Join as</label>
            <select id="field-pseudId" name="pseudId">
              {pseuds.map((p: Pseud) => (
                <option value={String(p.id)} selected={p.isDefault}>
                  {p.name}
                </option>
              ))}
            </select>
            <button type="submit">Join this collection</button>
          </form>
        ) : (
          <p>This collection is closed: its owners add members by invitation.</p>
        )
      ) : null}
      {ctx.viewer && powers.role ? (
        <form method="post" action={`${path}/leave`} class="inline-form">
          <CsrfField ctx={ctx} />
          <p>
            You take part as {ROLE_LABELS[powers.role].toLowerCase()}.{' '}
            <button type="submit" class="button--secondary">
              Leave this collection
            </button>
          </p>
        </form>
      ) : null}
      <h2>Participants ({participants.length})</h2>
      <ul class="collection-items">
        {participants.map((p) => (
          <li>
            <ParticipantName p={p} /> · {ROLE_LABELS[p.role]}
            <span class="meta"> · since {formatDate(p.createdAt)}</span>
            {powers.owner ? (
              <form method="post" action={`${path}/${p.userId}`} class="participant-role">
                <CsrfField ctx={ctx} />
                <label for={`field-role-${p.userId}`} class="visually-hidden">
                  Role of {p.pseudName}
                </label>
                <select id={`field-role-${p.userId}`} name="role">
                  {(['member', 'moderator', 'owner'] as const).map((role) => (
                    <option value={role} selected={p.role === role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                  <option value="remove">Remove from the collection</option>
                </select>{' '}
                <button type="submit" class="button--secondary">
                  Change role
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {powers.owner ? (
        <form method="post" action={path} class="narrow">
          <CsrfField ctx={ctx} />
          <h2>Add a participant</h2>
          <TextField name="login" label="Username" value={login} error={errors.login} />
          <div class="field">
            <label for="field-new-role">Role</label>
            <RoleSelect id="field-new-role" name="role" value="member" />
          </div>
          <Actions>
            <button type="submit">Add participant</button>
          </Actions>
        </form>
      ) : null}
    </Layout>
  );
}

const APPROVAL_WORDS: Record<string, string> = { approved: 'approved', pending: 'waiting', rejected: 'rejected' };

function ItemRows({ ctx, collection, items }: { ctx: PageContext; collection: Collection; items: CollectionItem[] }) {
  if (items.length === 0) return <p>None.</p>;
  return (
    <ul class="collection-items">
      {items.map((item) => (
        <li>
          <form method="post" action={collectionPath(collection.name, 'items')} class="inline-form">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="items" value={String(item.id)} />
            {item.workId !== null ? (
              <a href={workPath(item.workId)}>
                <bdi>{item.title}</bdi>
              </a>
            ) : (
              <>
                Bookmark of <bdi>{item.title}</bdi>
              </>
            )}{' '}
            by <bdi>{item.byline}</bdi>
            <span class="meta">
              {' '}
              · collection: {APPROVAL_WORDS[item.collectionApproval]} · creator: {APPROVAL_WORDS[item.creatorApproval]}
              {item.unrevealed ? ' · unrevealed' : ''}
              {item.anonymous ? ' · anonymous' : ''}
            </span>{' '}
            {item.collectionApproval !== 'approved' ? (
              <button type="submit" name="action" value="approve">
                Approve
              </button>
            ) : null}{' '}
            {item.collectionApproval !== 'rejected' ? (
              <button type="submit" name="action" value="reject" class="button--secondary">
                Reject
              </button>
            ) : null}{' '}
            <button type="submit" name="action" value="remove" class="button--secondary">
              Remove
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

export function ItemsPage({
  ctx,
  collection,
  items,
  powers,
  errors = {},
  workRef = '',
}: {
  ctx: PageContext;
  collection: Collection;
  items: CollectionItem[];
  powers: CollectionPowers;
  errors?: FieldErrors;
  workRef?: string;
}) {
  const pending = items.filter((i) => i.collectionApproval === 'pending' && i.creatorApproval === 'approved');
  const invited = items.filter((i) => i.creatorApproval === 'pending');
  const approved = items.filter((i) => i.collectionApproval === 'approved' && i.creatorApproval === 'approved');
  const awaiting = approved.filter((i) => i.unrevealed);
  const rejected = items.filter((i) => i.collectionApproval === 'rejected' || i.creatorApproval === 'rejected');
  const held = items.some((i) => i.unrevealed) || collection.unrevealed;
  const anonymous = items.some((i) => i.anonymous) || collection.anonymous;
  return (
    <Layout ctx={ctx} title={`Items of ${collection.title}`}>
      <CollectionHeading collection={collection}>Manage items of </CollectionHeading>
      <CollectionNav collection={collection} powers={powers} current="items" />
      <ErrorSummary errors={errors} labels={{ work: 'Work to invite' }} />
      <section>
        <h2>Reveal</h2>
        <p>
          {held
            ? 'Some works are unrevealed: only their creators and the maintainers can read them.'
            : 'Every work is revealed.'}{' '}
          {anonymous ? 'Some creators are shown as “Anonymous”.' : 'Every creator is named.'}
        </p>
        {held || anonymous ? (
          <div class="owner-actions">
            {held ? (
              <form method="post" action={collectionPath(collection.name, 'reveal')} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" name="what" value="works">
                  Reveal works
                </button>
              </form>
            ) : null}
            {anonymous ? (
              <form method="post" action={collectionPath(collection.name, 'reveal')} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" name="what" value="creators">
                  Reveal creators
                </button>
              </form>
            ) : null}
          </div>
        ) : null}
      </section>
      <section>
        <h2>Awaiting approval ({pending.length})</h2>
        <ItemRows ctx={ctx} collection={collection} items={pending} />
      </section>
      <section>
        <h2>Awaiting reveal ({awaiting.length})</h2>
        <ItemRows ctx={ctx} collection={collection} items={awaiting} />
      </section>
      <section>
        <h2>Approved ({approved.length})</h2>
        <ItemRows ctx={ctx} collection={collection} items={approved} />
      </section>
      <section>
        <h2>Invited ({invited.length})</h2>
        <ItemRows ctx={ctx} collection={collection} items={invited} />
        <form method="post" action={collectionPath(collection.name, 'invite')} class="narrow">
          <CsrfField ctx={ctx} />
          <TextField
            name="work"
            label="Work to invite"
            value={workRef}
            error={errors.work}
            hint="The work's address or number. It joins once its creators accept."
          />
          <Actions>
            <button type="submit">Invite work</button>
          </Actions>
        </form>
      </section>
      <section>
        <h2>Rejected or declined ({rejected.length})</h2>
        <ItemRows ctx={ctx} collection={collection} items={rejected} />
      </section>
    </Layout>
  );
}

export function CollectionFormPage({
  ctx,
  collection,
  values,
  errors,
  pseuds,
  parents,
  hasChildren = false,
}: {
  ctx: PageContext;
  /** The collection being edited; undefined for a new one. */
  collection?: Collection;
  values: CollectionFormValues;
  errors: FieldErrors;
  pseuds: Pseud[];
  parents: Collection[];
  hasChildren?: boolean;
}) {
  const title = collection ? `Settings of ${collection.title}` : 'New collection';
  const action = collection ? collectionPath(collection.name) : collectionsPath();
  return (
    <Layout ctx={ctx} title={title} scripts={[CHAR_COUNT_SCRIPT]}>
      {collection ? (
        <CollectionHeading collection={collection}>Settings of </CollectionHeading>
      ) : (
        <h1>New collection</h1>
      )}
      {collection ? (
        <CollectionNav
          collection={collection}
          powers={{ role: 'owner', owner: true, maintainer: true, giftExchange: false, promptMeme: false }}
          current="edit"
        />
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{
          name: 'Short name',
          title: 'Title',
          description: 'Description',
          rules: 'Rules',
          faq: 'FAQ',
          parentId: 'Parent collection',
          pseudId: 'Your pen name as owner',
          revealWorksAt: 'Reveal works on',
          revealCreatorsAt: 'Reveal creators on',
        }}
      />
      <form method="post" action={action} class="work-form" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>About the collection</legend>
          {collection ? (
            <p>
              Short name: <strong>{collection.name}</strong> (its address, which does not change)
            </p>
          ) : (
            <TextField
              name="name"
              label="Short name"
              value={values.name}
              error={errors.name}
              required
              maxLength={COLLECTION_LIMITS.nameMax}
              hint={`The collection's address, /collections/NAME: ${COLLECTION_LIMITS.nameMin} to ${COLLECTION_LIMITS.nameMax} letters, digits or underscores. It cannot be changed later.`}
            />
          )}
          <TextField
            name="title"
            label="Title"
            value={values.title}
            error={errors.title}
            required
            maxLength={COLLECTION_LIMITS.title}
          />
          <TextField
            name="description"
            label="Description"
            value={values.description}
            error={errors.description}
            hint="Plain text or HTML."
            multiline
            maxLength={COLLECTION_LIMITS.description}
          />
          <TextField
            name="rules"
            label="Rules"
            value={values.rules}
            error={errors.rules}
            hint="Plain text or HTML."
            multiline
            maxLength={COLLECTION_LIMITS.rules}
          />
          <TextField
            name="faq"
            label="FAQ"
            value={values.faq}
            error={errors.faq}
            hint="Plain text or HTML."
            multiline
            maxLength={COLLECTION_LIMITS.faq}
          />
          {!collection ? (
            <div class={`field${errors.pseudId ? ' field--error' : ''}`}>
              <label for="field-pseudId">Your pen name as owner</label>
              {errors.pseudId ? <p class="field__error">{errors.pseudId}</p> : null}
              <select id="field-pseudId" name="pseudId">
                {pseuds.map((p) => (
                  <option
                    value={String(p.id)}
                    selected={values.pseudId === String(p.id) || (!values.pseudId && p.isDefault)}
                  >
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {hasChildren ? (
            <p>This collection has subcollections, so it cannot be a subcollection itself.</p>
          ) : (
            <div class={`field${errors.parentId ? ' field--error' : ''}`}>
              <label for="field-parentId">Parent collection</label>
              <p class="field__hint">To make this a subcollection of one of the collections you own.</p>
              {errors.parentId ? <p class="field__error">{errors.parentId}</p> : null}
              <select id="field-parentId" name="parentId">
                <option value="" selected={values.parentId === ''}>
                  None
                </option>
                {parents.map((p) => (
                  <option value={String(p.id)} selected={values.parentId === String(p.id)}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Settings</legend>
          <Checkbox name="open" label="Open: members may add their works and bookmarks" checked={values.open} />
          <Checkbox
            name="moderated"
            label="Moderated: what members add waits for approval"
            checked={values.moderated}
          />
          <Checkbox
            name="unrevealed"
            label="Unrevealed: works stay hidden from readers until revealed"
            checked={values.unrevealed}
          />
          <Checkbox
            name="anonymous"
            label="Anonymous: creators are shown as “Anonymous” until revealed"
            checked={values.anonymous}
          />
          <TextField
            name="revealWorksAt"
            label="Reveal works on"
            value={values.revealWorksAt}
            error={errors.revealWorksAt}
            hint="Optional, in UTC: 2027-01-31 or 2027-01-31T18:00. Empty: reveal by hand."
          />
          <TextField
            name="revealCreatorsAt"
            label="Reveal creators on"
            value={values.revealCreatorsAt}
            error={errors.revealCreatorsAt}
            hint="Optional, in UTC, as above."
          />
        </fieldset>
        <Actions>
          <button type="submit">{collection ? 'Save settings' : 'Create collection'}</button>
          <a href={collection ? collectionPath(collection.name) : collectionsPath()}>Cancel</a>
        </Actions>
      </form>
      {collection ? (
        <form method="post" action={collectionPath(collection.name, 'delete')} class="narrow danger-zone">
          <CsrfField ctx={ctx} />
          <h2>Delete this collection</h2>
          <p>Its works and bookmarks stay on the archive; they leave the collection (and its subcollections).</p>
          {errors.confirm ? <p class="field__error">{errors.confirm}</p> : null}
          <Checkbox name="confirm" label={`Yes, delete ${collection.title} for good`} />
          <Actions>
            <button type="submit" class="danger">
              Delete collection
            </button>
          </Actions>
        </form>
      ) : null}
    </Layout>
  );
}

/** A work's collections, for its creators: invitations to answer, and a way out of each collection. */
export function WorkCollectionsPage({
  ctx,
  work,
  items,
}: {
  ctx: PageContext;
  work: Work;
  items: WorkCollectionItem[];
}) {
  return (
    <Layout ctx={ctx} title={`Collections of ${work.title}`}>
      <h1>
        Collections of{' '}
        <a href={workPath(work.id)}>
          <bdi>{work.title}</bdi>
        </a>
      </h1>
      {items.length === 0 ? (
        <p>This work is in no collection. Add it with the “Collections” field of its edit form.</p>
      ) : (
        <ul class="collection-items">
          {items.map((item) => (
            <li>
              <form method="post" action={`${workCollectionsPath(work.id)}/${item.itemId}`} class="inline-form">
                <CsrfField ctx={ctx} />
                <a href={collectionPath(item.collection.name)}>
                  <bdi>{item.collection.title}</bdi>
                </a>
                <span class="meta">
                  {' '}
                  ·{' '}
                  {item.creatorApproval === 'pending'
                    ? 'invited: it joins when you accept'
                    : item.creatorApproval === 'rejected'
                      ? 'you declined'
                      : item.collectionApproval === 'pending'
                        ? 'waiting for the maintainers’ approval'
                        : item.collectionApproval === 'rejected'
                          ? 'rejected by the maintainers'
                          : 'in the collection'}
                  {item.unrevealed ? ' · unrevealed' : ''}
                  {item.anonymous ? ' · anonymous' : ''}
                </span>{' '}
                {item.creatorApproval !== 'approved' ? (
                  <button type="submit" name="answer" value="accept">
                    Accept
                  </button>
                ) : null}{' '}
                {item.creatorApproval === 'pending' ? (
                  <button type="submit" name="answer" value="decline" class="button--secondary">
                    Decline
                  </button>
                ) : null}{' '}
                {item.creatorApproval === 'approved' ? (
                  <button type="submit" name="answer" value="remove" class="button--secondary">
                    Remove from collection
                  </button>
                ) : null}
              </form>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={userPath(ctx.viewer?.login ?? '')}>Your page</a>
      </p>
    </Layout>
  );
}

import { Layout, type PageContext } from './layout.tsx';
import type { WorkBlurb, WrangledTag } from '../../store/index.ts';
import type { TagFamily } from '../../store/tags.ts';
import { WorkList } from './blurbs.tsx';
import { FeedLink, feedPaths } from './feeds.tsx';
import { aKindTag, KIND_LABELS } from '../../domain/tags.ts';
import { MuteButton } from './mutes.tsx';
import { tagPath, tagPagePath, tagEditPath } from '../../paths.ts';
import type { TagWorksView } from '../../app/tags.ts';
import { TagAdminForms } from './tag-admin.tsx';

export function Pagination({
  base,
  page,
  pageSize,
  total,
}: {
  base: string;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const link = (n: number) => `${base}${base.includes('?') ? '&' : '?'}page=${n}`;
  return (
    <nav class="pagination" aria-label="Pages">
      <ul>
        {page > 1 ? (
          <li>
            <a href={link(page - 1)} rel="prev">
              ← Previous
            </a>
          </li>
        ) : null}
        <li aria-current="page">
          Page {page} of {pages}
        </li>
        {page < pages ? (
          <li>
            <a href={link(page + 1)} rel="next">
              Next →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function tagWorksPath(tag: Pick<WrangledTag, 'name' | 'kind'>, ambiguous: boolean): string {
  return `${tagPath(tag.name)}${ambiguous ? `?kind=${encodeURIComponent(tag.kind)}` : ''}`;
}

export function TagWorksPage({
  ctx,
  tag,
  ambiguous,
  works,
  total,
  page,
  pageSize,
  mutedHere,
}: TagWorksView & { ctx: PageContext }) {
  const first = (page - 1) * pageSize + 1;
  const feed = { title: `Works in ${tag.name}`, href: feedPaths.tag(tag.name) };
  return (
    <Layout ctx={ctx} title={`Works in ${tag.name}`} feeds={[feed]}>
      <h1>
        {total === 0
          ? 'No works'
          : `${first}–${first + works.length - 1} of ${total} ${total === 1 ? 'work' : 'works'}`}{' '}
        in {tag.name}
      </h1>
      <FeedLink feed={feed} />
      <p class="meta">
        <a href={tagPagePath(tag.name, ambiguous ? tag.kind : undefined)}>About this tag</a>
        {tag.canonical ? ' · Works tagged with its synonyms and subtags are included.' : ''}
      </p>
      {mutedHere ? (
        <p class="notice">
          You muted this tag, so its works are hidden from your lists. Unmute it on the tag page to see them.
        </p>
      ) : null}
      <WorkList works={works} empty="No works you can see carry this tag yet." />
      <Pagination base={tagWorksPath(tag, ambiguous)} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

function TagList({ tags, label, id }: { tags: WrangledTag[]; label: string; id: string }) {
  if (tags.length === 0) return null;
  return (
    <section aria-labelledby={id} class="tag-family">
      <h2 id={id}>{label}</h2>
      <ul class="tag-family__list">
        {tags.map((tag) => (
          <li>
            <a href={tagPagePath(tag.name, tag.kind)}>{tag.name}</a>
            {tag.canonical || tag.mergerId !== null ? null : <span class="meta"> (not wrangled yet)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface TagPageState {
  tag: WrangledTag;
  family: TagFamily;
  /** Tags of the same name in other kinds. */
  namesakes: WrangledTag[];
  works: WorkBlurb[];
  total: number;
  /** Undefined for guests (no button). */
  muted?: boolean;
  wrangler: boolean;
  admin?: boolean;
}

export function TagPage({ ctx, state }: { ctx: PageContext; state: TagPageState }) {
  const { tag, family } = state;
  const ambiguous = state.namesakes.length > 0;
  const status = family.mergedInto ? 'Synonym' : tag.canonical ? 'Canonical' : 'Not yet wrangled';
  const members = (kind: WrangledTag['kind']) => family.members.filter((t) => t.kind === kind);
  return (
    <Layout ctx={ctx} title={`${tag.name} (${KIND_LABELS[tag.kind]})`}>
      <h1>{tag.name}</h1>
      <dl class="tag-facts">
        <dt>Kind</dt>
        <dd>{KIND_LABELS[tag.kind]}</dd>
        <dt>Status</dt>
        <dd>{status}</dd>
      </dl>
      {family.mergedInto ? (
        <p class="tag-merger">
          This tag is a synonym of{' '}
          <a href={tagPagePath(family.mergedInto.name, family.mergedInto.kind)}>{family.mergedInto.name}</a>: works
          tagged “{tag.name}” are listed and filtered under it.
        </p>
      ) : tag.canonical ? (
        <p>This is a canonical tag: filters and listings on it include its synonyms and subtags.</p>
      ) : (
        <p>This tag has not been wrangled yet: it is listed on its own until a tag wrangler files it.</p>
      )}
      {ambiguous ? (
        <p class="meta">
          The same name is also{' '}
          {state.namesakes.map((other, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={tagPagePath(other.name, other.kind)}>{aKindTag(other.kind)}</a>
            </>
          ))}
          .
        </p>
      ) : null}
      <div class="tag-actions">
        {state.muted !== undefined ? (
          <MuteButton ctx={ctx} kind="tag" targetId={tag.id} label={tag.name} muted={state.muted} />
        ) : null}
        {state.wrangler ? (
          <a class="button button--secondary" href={tagEditPath(tag)}>
            Edit tag <span class="visually-hidden">{tag.name}</span>
          </a>
        ) : null}
      </div>
      {state.muted ? (
        <p class="notice">
          You muted this tag: works carrying it, its synonyms or its subtags are hidden from your lists.
        </p>
      ) : null}
      <TagList tags={family.synonyms} label="Synonyms" id="synonyms-heading" />
      <TagList tags={family.fandoms} label="Fandoms" id="fandoms-heading" />
      <TagList tags={family.metaTags} label="Meta tags" id="meta-heading" />
      <TagList tags={family.subTags} label="Subtags" id="subtags-heading" />
      <TagList tags={members('character')} label="Characters" id="characters-heading" />
      <TagList tags={members('relationship')} label="Relationships" id="relationships-heading" />
      <TagList tags={members('freeform')} label="Additional tags" id="freeforms-heading" />
      {family.mergedInto ? null : (
        <section aria-labelledby="tag-works-heading">
          <h2 id="tag-works-heading">Newest works ({state.total})</h2>
          <WorkList works={state.works} empty="No works you can see carry this tag yet." />
          {state.total > 0 ? (
            <p>
              <a href={tagWorksPath(tag, ambiguous)}>
                All {state.total} {state.total === 1 ? 'work' : 'works'} in {tag.name}
              </a>
            </p>
          ) : null}
        </section>
      )}
      {state.admin ? <TagAdminForms ctx={ctx} tag={tag} /> : null}
    </Layout>
  );
}

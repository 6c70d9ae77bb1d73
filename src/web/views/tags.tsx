import { Layout, type PageContext } from './layout.tsx';
import type { WorkBlurb, WorkTag } from '../../store/index.ts';
import { tagPath, WorkList } from './blurbs.tsx';
import { FeedLink, feedPaths } from './feeds.tsx';

export function Pagination({ base, page, pageSize, total }: { base: string; page: number; pageSize: number; total: number }) {
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

export function TagWorksPage({ ctx, tag, works, total, page, pageSize }: { ctx: PageContext; tag: WorkTag; works: WorkBlurb[]; total: number; page: number; pageSize: number }) {
  const first = (page - 1) * pageSize + 1;
  const feed = { title: `Works in ${tag.name}`, href: feedPaths.tag(tag.name) };
  return (
    <Layout ctx={ctx} title={`Works in ${tag.name}`} feeds={[feed]}>
      <h1>
        {total === 0 ? 'No works' : `${first}–${first + works.length - 1} of ${total} ${total === 1 ? 'work' : 'works'}`} in {tag.name}
      </h1>
      <FeedLink feed={feed} />
      <WorkList works={works} empty="No works you can see carry this tag yet." />
      <Pagination base={tagPath(tag.name)} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

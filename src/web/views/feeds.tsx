import { feedPaths } from '../../formats/feeds.ts';
import type { PageFeed } from './layout.tsx';

export { feedPaths };

/** The visible way to follow a page in a feed reader (the page's head names the same feed). */
export function FeedLink({ feed }: { feed: PageFeed | undefined }) {
  if (!feed) return null;
  return (
    <p class="feed-link">
      <a href={feed.href} type="application/atom+xml" title={feed.title}>
        Subscribe (Atom)
      </a>
    </p>
  );
}

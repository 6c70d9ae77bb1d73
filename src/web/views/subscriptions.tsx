import { Layout, CsrfField, type PageContext } from './layout.tsx';
import type { Subscription, SubscriptionKind } from '../../store/index.ts';
import { formatDate } from '../format.ts';
import { subscriptionTargetPath } from '../../paths.ts';

const NOUN: Record<SubscriptionKind, string> = { work: 'work', series: 'series', user: 'user' };

/** Subscribe / Unsubscribe for members; nothing for guests. */
export function SubscribeButton({
  ctx,
  kind,
  targetId,
  subscribed,
}: {
  ctx: PageContext;
  kind: SubscriptionKind;
  targetId: number;
  subscribed: boolean | undefined;
}) {
  if (!ctx.viewer || subscribed === undefined) return null;
  return (
    <form
      method="post"
      action={subscribed ? '/subscriptions/delete' : '/subscriptions'}
      class="inline-form subscribe-form"
    >
      <CsrfField ctx={ctx} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={String(targetId)} />
      <button type="submit" class="button--secondary">
        {subscribed ? 'Unsubscribe' : 'Subscribe'}
        <span class="visually-hidden">
          {' '}
          {subscribed ? 'from' : 'to'} this {NOUN[kind]}
        </span>
      </button>
    </form>
  );
}

export function SubscriptionsPage({ ctx, subscriptions }: { ctx: PageContext; subscriptions: Subscription[] }) {
  const groups: [SubscriptionKind, string][] = [
    ['work', 'Works'],
    ['series', 'Series'],
    ['user', 'Users'],
  ];
  return (
    <Layout ctx={ctx} title="Subscriptions">
      <h1>Subscriptions</h1>
      <p>
        You are told in your <a href="/inbox">inbox</a> when a work you follow gets a new chapter, and when a user or
        series you follow gets a new work.
      </p>
      {subscriptions.length === 0 ? <p>You are not subscribed to anything yet.</p> : null}
      {groups.map(([kind, heading]) => {
        const list = subscriptions.filter((s) => s.kind === kind);
        if (list.length === 0) return null;
        return (
          <section aria-labelledby={`subscriptions-${kind}`}>
            <h2 id={`subscriptions-${kind}`}>
              {heading} ({list.length})
            </h2>
            <ul class="subscription-list">
              {list.map((s) => (
                <li>
                  <a href={subscriptionTargetPath(s.kind, s.targetId, s.name)}>{s.name}</a>{' '}
                  <span class="subscription-since">since {formatDate(s.since)}</span>{' '}
                  <form method="post" action="/subscriptions/delete" class="inline-form">
                    <CsrfField ctx={ctx} />
                    <input type="hidden" name="kind" value={s.kind} />
                    <input type="hidden" name="id" value={String(s.targetId)} />
                    <input type="hidden" name="return_to" value="/subscriptions" />
                    <button type="submit" class="link-button">
                      Unsubscribe<span class="visually-hidden"> from {s.name}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}

import type { SubscriptionKind } from '../store/subscriptions.ts';

/** The page of what is followed: a work, a series, or a user (by login). */
export function subscriptionTargetPath(kind: SubscriptionKind, targetId: number, login?: string): string {
  if (kind === 'work') return `/works/${targetId}`;
  if (kind === 'series') return `/series/${targetId}`;
  return `/users/${encodeURIComponent(login ?? '')}`;
}

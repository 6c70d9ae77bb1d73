/** What a member can follow: a work (its new chapters), a series (works added to it) or a user (their new works). */
export const SUBSCRIPTION_KINDS = ['work', 'series', 'user'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

export function isSubscriptionKind(value: string): value is SubscriptionKind {
  return (SUBSCRIPTION_KINDS as readonly string[]).includes(value);
}

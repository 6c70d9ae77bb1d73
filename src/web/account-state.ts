import type { Store } from '../store/index.ts';

/** What the account page shows besides its forms; every answer that renders the page loads it the same way. */
export async function accountState(store: Store, userId: number) {
  const [blocked, tokens, wrangler] = await Promise.all([
    store.blocks.listBlocked(userId),
    store.apiTokens.listForUser(userId),
    store.roles.has(userId, 'wrangler'),
  ]);
  return { blocked, apiTokens: { tokens }, wrangler };
}

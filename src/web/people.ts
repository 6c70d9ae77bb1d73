import type { Store } from '../store/index.ts';
import { publicUser } from '../domain/accounts.ts';
import { NotFoundError } from '../domain/errors.ts';

/** The member with this login as others may see them (no email address), or a 404. */
export async function userNamed(store: Store, login: string) {
  const user = await store.users.findByLogin(login);
  if (!user) throw new NotFoundError(`There is no user called ${login}.`);
  return publicUser(user);
}

/** A member's pen name by its name, with the member, or a 404. */
export async function pseudNamed(store: Store, login: string, name: string) {
  const user = await userNamed(store, login);
  const pseud = await store.pseuds.findByName(user.id, name);
  if (!pseud) throw new NotFoundError(`${user.login} has no pen name called ${name}.`);
  return { user, pseud };
}

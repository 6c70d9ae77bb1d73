import { LogInRequiredError } from '../domain/errors.ts';
import type { User } from '../store/index.ts';

/** Who is asking: a logged-in member (never with a password hash), or null for a guest. */
export type Viewer = User | null;

/** A member who is asking; every use case that changes something takes one. */
export type Member = User;

/** The viewer as a member, or the outcome that sends a guest to log in. */
export function requireMember(viewer: Viewer): Member {
  if (!viewer) throw new LogInRequiredError();
  return viewer;
}

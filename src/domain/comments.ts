/**
 * Rules for comments (reviews): who may comment under a work's comment policy, what is held for
 * moderation, the limits of a comment, and how a thread is laid out. Pure: no I/O.
 */
import { ValidationError } from './errors.ts';
import type { CommentPolicy } from './works.ts';

export const COMMENT_LIMITS = {
  body: 10_000,
  guestName: 100,
  guestEmail: 254,
  /** Comments one member may post in RATE_WINDOW_MINUTES, wherever they post from. */
  perUser: 20,
  /** Comments one address may post in RATE_WINDOW_MINUTES (the route's rate limit). */
  perAddress: 20,
  rateWindowMinutes: 10,
} as const;

/** Replies deeper than this are shown at this indent, one after another, as AO3 does. */
export const MAX_INDENT = 5;

/** How a creator's own comment on a work a collection keeps anonymous is signed to those who may not know them. */
export const ANONYMOUS_CREATOR = 'Anonymous Creator';

export type CommentStatus = 'published' | 'held' | 'hidden';

/** Who wants to comment, as far as the rules care. */
export type Commenter =
  | { kind: 'guest' }
  | {
      kind: 'member';
      isCreator: boolean;
      /** A creator of the work blocked this member. */
      blockedByCreator: boolean;
      /** The author of the comment being answered blocked this member. */
      blockedByParentAuthor: boolean;
    };

export type CommentDecision =
  { allowed: true; status: 'published' | 'held' } | { allowed: false; status: 403; message: string };

export const COMMENT_MESSAGES = {
  nobody: 'The creators of this work have turned comments off.',
  registered: 'Only registered users can comment on this work. Log in to comment.',
  blockedByCreator: 'The creator of this work has blocked you, so you cannot comment on it.',
  blockedByParentAuthor: 'This commenter has blocked you, so you cannot reply to them.',
  frozen: 'This thread is frozen: it takes no new replies.',
  notOpen: 'This comment cannot be replied to.',
} as const;

/** May this commenter comment on a work with this policy, and is the comment held for approval? */
export function decideComment(
  policy: CommentPolicy,
  moderated: boolean,
  commenter: Commenter,
  replyTo?: { frozen: boolean; open: boolean },
): CommentDecision {
  if (policy === 'nobody') return { allowed: false, status: 403, message: COMMENT_MESSAGES.nobody };
  if (commenter.kind === 'guest' && policy === 'registered')
    return { allowed: false, status: 403, message: COMMENT_MESSAGES.registered };
  if (commenter.kind === 'member' && commenter.blockedByCreator)
    return { allowed: false, status: 403, message: COMMENT_MESSAGES.blockedByCreator };
  if (commenter.kind === 'member' && commenter.blockedByParentAuthor)
    return { allowed: false, status: 403, message: COMMENT_MESSAGES.blockedByParentAuthor };
  if (replyTo && !replyTo.open) return { allowed: false, status: 403, message: COMMENT_MESSAGES.notOpen };
  if (replyTo?.frozen) return { allowed: false, status: 403, message: COMMENT_MESSAGES.frozen };
  const creator = commenter.kind === 'member' && commenter.isCreator;
  return { allowed: true, status: moderated && !creator ? 'held' : 'published' };
}

/** Whether the comment form is offered at all (the POST checks again with decideComment). */
export function commentFormShown(policy: CommentPolicy, signedIn: boolean): boolean {
  return policy === 'everyone' || (policy === 'registered' && signedIn);
}

export interface CommentInput {
  body: string;
  guestName?: string;
  guestEmail?: string;
}

/** "Your comment is 10,800 characters; the limit is 10,000. Shorten it by 800." */
function overLimit(what: string, length: number, limit: number): string {
  const n = (value: number) => value.toLocaleString('en');
  return `${what} is ${n(length)} characters; the limit is ${n(limit)}. Shorten it by ${n(length - limit)}.`;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Checks what the form says; guests must give a name and an email address. */
export function validateComment(
  input: CommentInput,
  guest: boolean,
): { body: string; guestName: string | null; guestEmail: string | null } {
  const errors: Record<string, string> = {};
  const body = input.body.trim();
  if (body === '') errors.body = 'Write something before posting your comment.';
  else if ([...body].length > COMMENT_LIMITS.body)
    errors.body = overLimit('Your comment', [...body].length, COMMENT_LIMITS.body);
  let guestName: string | null = null;
  let guestEmail: string | null = null;
  if (guest) {
    guestName = (input.guestName ?? '').replace(/\s+/g, ' ').trim();
    guestEmail = (input.guestEmail ?? '').trim();
    if (guestName === '') errors.guestName = 'Give a name to comment as a guest.';
    else if ([...guestName].length > COMMENT_LIMITS.guestName)
      errors.guestName = overLimit('Your name', [...guestName].length, COMMENT_LIMITS.guestName);
    if (guestEmail === '') errors.guestEmail = 'Give an email address to comment as a guest. It is never shown.';
    else if (guestEmail.length > COMMENT_LIMITS.guestEmail)
      errors.guestEmail = overLimit('Your email address', guestEmail.length, COMMENT_LIMITS.guestEmail);
    else if (!EMAIL.test(guestEmail)) errors.guestEmail = 'That does not look like an email address.';
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { body, guestName, guestEmail };
}

export interface ThreadNode {
  id: number;
  parentId: number | null;
}

/**
 * Orders comments as threads: each top comment followed by its replies, depth first, oldest first.
 * Indent is the reply depth, but never more than MAX_INDENT: deeper replies line up under it.
 * Comments whose parent is not in the list (hidden from this reader) start threads of their own.
 */
export function threadOrder<T extends ThreadNode>(comments: T[]): { comment: T; indent: number }[] {
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<number | null, T[]>();
  for (const comment of comments) {
    const key = comment.parentId !== null && ids.has(comment.parentId) ? comment.parentId : null;
    children.set(key, [...(children.get(key) ?? []), comment]);
  }
  const out: { comment: T; indent: number }[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const comment of children.get(parentId) ?? []) {
      out.push({ comment, indent: Math.min(depth, MAX_INDENT) });
      walk(comment.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** How much of a comment a reader sees: all of it, a placeholder that keeps the thread, or nothing. */
export function commentVisibility(
  comment: { status: CommentStatus; deleted: boolean; userId: number | null; hidden?: unknown },
  viewerId: number | null,
  viewerIsCreator: boolean,
): 'full' | 'placeholder' | 'none' {
  if (comment.deleted) return 'placeholder';
  const own = viewerId !== null && comment.userId === viewerId;
  // Hidden by the moderators: the work's creators cannot bring it back either; the thread stays.
  if (comment.hidden) return own ? 'full' : 'placeholder';
  if (comment.status === 'held') return own || viewerIsCreator ? 'full' : 'none';
  if (comment.status === 'hidden') return own || viewerIsCreator ? 'full' : 'placeholder';
  return 'full';
}

import { workPath, chapterPath } from '../paths.ts';

/** What a member can be told about; each kind can be turned off (inbox) or mailed (email). */
export const NOTIFICATION_KINDS = [
  'comment',
  'reply',
  'new-chapter',
  'new-work',
  'kudos',
  'co-creator-invitation',
  'gift',
  'collection-invitation',
  'gift-exchange',
  'prompt-fill',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds mailed unless the member turned mail off for them (an assignment must not go unseen). */
export const MAILED_BY_DEFAULT: readonly NotificationKind[] = ['gift-exchange'];

/** Notices answering something the member asked for themselves (their data download): always sent, no preference turns them off. */
export const ACCOUNT_NOTICE_KINDS = ['data-export'] as const;
/** Every kind a notice in the inbox may have. */
export type NoticeKind = NotificationKind | (typeof ACCOUNT_NOTICE_KINDS)[number];

/** Where the account page shows the member's data download. */
export const DATA_EXPORT_SECTION = '/account#data-export';

/** Where a notice leads: the comment, else the chapter, else the work; nowhere when the work is gone. */
export function noticeLink(notice: {
  kind?: string;
  workId: number | null;
  chapterId: number | null;
  commentId: number | null;
  link?: string | null;
}): string | undefined {
  if (notice.kind === 'data-export') return DATA_EXPORT_SECTION;
  if (notice.link) return notice.link;
  // Where the work's creators answer a collection's invitation.
  if (notice.kind === 'collection-invitation' && notice.workId !== null)
    return `${workPath(notice.workId)}/collections`;
  if (notice.workId === null) return undefined;
  const page = notice.chapterId === null ? workPath(notice.workId) : chapterPath(notice.workId, notice.chapterId);
  return notice.commentId === null ? page : `${page}#comment-${notice.commentId}`;
}

/** How the preferences page names each kind of notification. */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  comment: 'Comments on your works',
  reply: 'Replies to your comments',
  'new-chapter': 'New chapters of works you subscribed to',
  'new-work': 'New works by users and in series you subscribed to',
  kudos: 'Kudos on your works',
  'co-creator-invitation': 'Invitations to be a co-creator',
  gift: 'Works given to you as gifts',
  'collection-invitation': 'Invitations to add your works to collections',
  'prompt-fill': 'Fills of your prompts in prompt memes',
  'gift-exchange': 'Gift exchange assignments and reminders',
};

export const INBOX_PAGE_SIZE = 20;

/** A page number from the query string: 1 when missing or nonsense. */
export function pageNumber(value: string): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

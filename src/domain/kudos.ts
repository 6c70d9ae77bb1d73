/**
 * Kudos and hits: who may leave kudos, how the kudos line reads, and how a day's kudos are
 * summed up for the work's creators. Pure rules; the store keeps the rows and counters.
 */
import { canRead, isCreator, type ReadableWork, type Viewer } from './works.ts';

/** How many members the kudos line names before it counts the rest. */
export const KUDOS_NAMES_SHOWN = 50;

/** Why a reader may not leave kudos, or null when they may. */
export type KudosRefusal = 'unreadable' | 'own-work' | 'unpublished';

/**
 * Readers who may read the work may leave kudos on it once it is out; its creators may not (as on
 * AO3), and neither may someone invited to co-create a draft, who can read it only to decide.
 */
export function kudosRefusal(work: ReadableWork, viewer: Viewer, now = new Date().toISOString()): KudosRefusal | null {
  if (!canRead(work, viewer, now)) return 'unreadable';
  if (isCreator(work, viewer)) return 'own-work';
  if (work.visibility === 'draft' || work.publishedAt === null || work.publishedAt > now) return 'unpublished';
  return null;
}

/** "alice", "alice and bob", "alice, bob, and carol": English lists with a serial comma. */
export function joinNames(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  if (parts.length === 2) return `${parts[0]} and ${parts[1]}`;
  return `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** One piece of the kudos line: a member (named and linked) or counted text. */
export type KudosLinePart = { member: string } | { text: string };

/**
 * The kudos line of a work: members by login (newest first), then how many more members there
 * are when the list is long, then the guests: "alice, bob, and 3 guests".
 */
export function kudosLine(
  memberLogins: string[],
  memberCount: number,
  guestCount: number,
  shown = KUDOS_NAMES_SHOWN,
): KudosLinePart[] {
  const named = memberLogins.slice(0, shown);
  const parts: KudosLinePart[] = named.map((member) => ({ member }));
  const more = memberCount - named.length;
  if (more > 0) parts.push({ text: plural(more, 'more member') });
  if (guestCount > 0) parts.push({ text: plural(guestCount, 'guest') });
  return parts;
}

/** The plain-text form of the kudos line, e.g. for the notification of the creators. */
export function kudosLineText(parts: KudosLinePart[]): string {
  return joinNames(parts.map((p) => ('member' in p ? p.member : p.text)));
}

/** The daily kudos notice: "alice and 2 guests left kudos on Long Haul". */
export function kudosSummary(memberLogins: string[], guestCount: number, title: string, shown = 5): string {
  const who = kudosLineText(kudosLine(memberLogins, memberLogins.length, guestCount, shown));
  return `${who} left kudos on ${title}`;
}

/** The UTC day of an instant, as work_hits and the daily kudos summary count days: "2025-03-01". */
export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** The first instant of that UTC day, as stored timestamps are compared. */
export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The oldest day whose hits are still kept: today and yesterday are needed, older days are not. */
export function oldestKeptHitDay(today: string): string {
  const at = new Date(dayStart(today));
  at.setUTCDate(at.getUTCDate() - 1);
  return utcDay(at);
}

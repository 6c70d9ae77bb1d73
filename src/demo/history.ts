/**
 * A few weeks of reading for the demo works, so a newcomer's statistics page has charts to show:
 * guests' hits and kudos on past days (added to the counters and the daily figures together,
 * without notices) and demo members reading multi-chapter works.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.ts';
import { utcDay } from '../domain/kudos.ts';

/** How far back the demo's reading goes. */
const DAYS = 42;

/** A repeatable number from 0 to 1 for a name, so every demo archive gets the same history. */
function chance(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) / 0x1_0000_0000;
}

function guestKey(name: string): string {
  return createHash('sha256').update(`demo guest ${name}`).digest('hex');
}

export async function giveDemoHistory(store: Store, memberIds: number[]): Promise<void> {
  const { works } = await store.works.list({ viewerId: null, limit: 100 });
  const today = new Date();
  const days = Array.from({ length: DAYS + 1 }, (_, i) => {
    const at = new Date(today);
    at.setUTCDate(at.getUTCDate() - (DAYS - i));
    return utcDay(at);
  });
  await store.workStats.setSince(days[0]);
  const activity: { workId: number; day: string; hits: number; kudosGuestKeys: string[] }[] = [];
  for (const day of days) {
    for (const work of works) {
      if (!work.publishedAt || utcDay(new Date(work.publishedAt)) > day) continue;
      // Some works are read more than others, and more on weekends.
      const popularity = 1 + Math.floor(chance(`popularity ${work.id}`) * 6);
      const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) ? 2 : 0;
      const hits = Math.floor(chance(`hits ${work.id} ${day}`) * (popularity + weekend + 1));
      const kudos = hits > 0 && chance(`kudos ${work.id} ${day}`) < 0.3;
      if (hits > 0)
        activity.push({ workId: work.id, day, hits, kudosGuestKeys: kudos ? [guestKey(`${work.id} ${day}`)] : [] });
    }
  }
  await store.workStats.addPastActivity(activity);
  // Members reading the works of several chapters, some further than others.
  for (const blurb of works) {
    const work = await store.works.find(blurb.id);
    const chapters = work?.chapters.filter((c) => !c.draft) ?? [];
    if (!work || chapters.length < 2) continue;
    const creators = new Set(work.creators.map((c) => c.userId));
    for (const memberId of memberIds) {
      if (creators.has(memberId)) continue;
      const reached = 1 + Math.floor(chance(`reach ${work.id} ${memberId}`) * (chapters.length + 1));
      for (const chapter of chapters.slice(0, Math.min(reached, chapters.length)))
        await store.readings.record(memberId, work.id, chapter.id);
    }
  }
}

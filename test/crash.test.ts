// The crash test: the real server (`bin/quire serve`, one process) is killed with SIGKILL in the
// middle of a load of writes — works, chapters, comments, kudos, bookmarks from several members —
// and restarted on the same database, three times, on SQLite and on PostgreSQL. Every write the
// server acknowledged (a 303 to the new address) must be there after each restart, every work the
// archive lists must still open, and the archive must take new writes.
//
// The members' choices and the moment of each kill come from a seeded generator: CRASH_SEED=N
// repeats a run (the seed is printed as a test diagnostic).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS } from './support/databases.ts';
import {
  Browser,
  formFields,
  freshPostgresDatabase,
  isConnectionError,
  seededRandom,
  ServerProcess,
  uniqueWord,
  type Fields,
  type HttpResponse,
} from './support/crash.ts';

const SEED = Number.parseInt(process.env.CRASH_SEED ?? '', 10) || 20261204;
const CYCLES = 3;
/** Requests the load keeps in flight at once. */
const CONCURRENCY = 12;
/** Each cycle is killed after this many acknowledged writes and fewer than twice as many. */
const KILL_AFTER = 40;
/** Per member and server process: below the routes' per-address limits (works 60 an hour, kudos 30 a minute …). */
const PER_LIFETIME = { work: 20, chapter: 40, kudos: 20, bookmark: 40 };
/** Per member in the whole run: comments are limited to 20 per member in 10 minutes, kept in the database. */
const COMMENTS_PER_MEMBER = 16;

type Kind = 'work' | 'chapter' | 'comment' | 'kudos' | 'bookmark';

interface Member {
  login: string;
  writer: boolean;
  browser: Browser;
  /** The posting form as /works/new fills it in for this member (writers). */
  workForm?: Fields;
  works: number[];
  kudosOn: Set<number>;
  bookmarked: Set<number>;
  commentsLeft: number;
  lifetime: Record<Exclude<Kind, 'comment'>, number>;
}

/** A write the server acknowledged, and how to find it again. */
interface Ack {
  kind: Kind;
  member: Member;
  cycle: number;
  workId: number;
  /** The page that shows it. */
  page: string;
  /** What that page must contain. */
  texts: string[];
}

/** A response that was neither an acknowledgement nor the server dying: a defect either way. */
interface Unexpected {
  what: string;
  status: number;
  detail: string;
}

function visible(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

for (const dialect of DIALECTS) {
  describe(`crash and restart [${dialect}]`, () => {
    let dir: string;
    let server: ServerProcess;
    let dropDatabase: (() => Promise<void>) | undefined;
    const members: Member[] = [];

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'quire-crash-'));
      const env: Record<string, string> = { QUIRE_DATA: dir };
      if (dialect === 'postgres') {
        const database = await freshPostgresDatabase();
        env.DATABASE_URL = database.url;
        dropDatabase = database.drop;
      }
      server = new ServerProcess(env, dir);
    });

    after(async () => {
      await server?.stop();
      for (const member of members) member.browser.close();
      await dropDatabase?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it(
      `finds every acknowledged write after ${CYCLES} SIGKILLs during a load of writes`,
      { timeout: 300_000 },
      async (t) => {
        const started = Date.now();
        const random = seededRandom(SEED + (dialect === 'postgres' ? 1 : 0));
        const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
        let words = 0;
        const word = () => uniqueWord('crashw', words++);
        t.diagnostic(`CRASH_SEED=${SEED}`);

        await server.start();
        const attach = () => {
          for (const member of members) member.browser.port = server.port;
        };

        // Members sign up through the form, each from a loopback address of its own.
        const logins = ['crash_w1', 'crash_w2', 'crash_r1', 'crash_r2', 'crash_r3'];
        for (const [i, login] of logins.entries()) {
          const browser = new Browser(`127.0.0.${20 + i}`);
          browser.port = server.port;
          const page = await browser.get('/signup');
          assert.equal(page.status, 200);
          const form = formFields(page.body, '/signup');
          assert.ok(form, 'the sign-up page has its form');
          const password = 'correct horse battery staple';
          const signedUp = await browser.post('/signup', {
            ...form,
            login,
            email: `${login}@example.org`,
            password,
            passwordConfirmation: password,
            acceptTerms: '1',
          });
          assert.equal(signedUp.status, 303, `sign-up of ${login}: ${visible(signedUp.body).slice(0, 300)}`);
          // Signing up starts a new CSRF secret; a first page sets it before several pages load at once.
          assert.equal((await browser.get('/')).status, 200);
          const member: Member = {
            login,
            writer: login.includes('_w'),
            browser,
            works: [],
            kudosOn: new Set(),
            bookmarked: new Set(),
            commentsLeft: COMMENTS_PER_MEMBER,
            lifetime: { work: 0, chapter: 0, kudos: 0, bookmark: 0 },
          };
          if (member.writer) {
            const posting = await browser.get('/works/new');
            assert.equal(posting.status, 200);
            member.workForm = formFields(posting.body, '/works') ?? undefined;
            assert.ok(member.workForm?.creatorPseudIds, 'the posting form ticks a pen name');
          }
          members.push(member);
        }
        const writers = members.filter((m) => m.writer);
        const readers = members.filter((m) => !m.writer);

        const acks: Ack[] = [];
        const unexpected: Unexpected[] = [];
        /** Every acknowledged work, whoever posted it. */
        const works: { id: number; writer: Member; title: string }[] = [];

        const answer = (what: string, response: HttpResponse): void => {
          unexpected.push({ what, status: response.status, detail: visible(response.body).slice(0, 300) });
        };

        // The writes. Each returns the acknowledgement, or undefined when it was not made or not acknowledged.
        async function postWork(member: Member, cycle: number): Promise<Ack | undefined> {
          const title = word();
          const opening = word();
          const fields: Fields = {
            ...member.workForm,
            title: `Crash ${title}`,
            summary: `A work posted while the server may die, ${title}.`,
            rating: 'General Audiences',
            warnings: 'No Archive Warnings Apply',
            fandoms: 'Original Work',
            language: 'en',
            expectedChapters: '',
            body: `The opening of ${opening}, written under load.\n\nA second paragraph.`,
          };
          delete fields.complete;
          member.lifetime.work++;
          const response = await member.browser.post('/works', fields);
          const id = /^\/works\/(\d+)$/.exec(response.location ?? '')?.[1];
          if (response.status !== 303 || !id) return void answer(`POST /works as ${member.login}`, response);
          member.works.push(Number(id));
          works.push({ id: Number(id), writer: member, title });
          return {
            kind: 'work',
            member,
            cycle,
            workId: Number(id),
            page: `/works/${id}`,
            texts: [`Crash ${title}`, opening],
          };
        }

        async function addChapter(member: Member, cycle: number): Promise<Ack | undefined> {
          if (member.works.length === 0) return undefined;
          const workId = pick(member.works);
          member.lifetime.chapter++;
          const page = await member.browser.get(`/works/${workId}/chapters/new`);
          const form = page.status === 200 ? formFields(page.body, `/works/${workId}/chapters`) : null;
          if (!form) return void answer(`GET /works/${workId}/chapters/new`, page);
          const text = word();
          const response = await member.browser.post(`/works/${workId}/chapters`, {
            ...form,
            chapterTitle: `Part ${text}`,
            body: `The next part, ${text}, posted as the server may die.`,
          });
          const chapter = new RegExp(`^/works/${workId}/chapters/(\\d+)$`).exec(response.location ?? '')?.[1];
          if (response.status !== 303 || !chapter)
            return void answer(`POST /works/${workId}/chapters as ${member.login}`, response);
          return { kind: 'chapter', member, cycle, workId, page: response.location!, texts: [text] };
        }

        async function comment(member: Member, cycle: number): Promise<Ack | undefined> {
          const others = works.filter((w) => w.writer !== member);
          if (others.length === 0 || member.commentsLeft === 0) return undefined;
          const { id } = pick(others);
          member.commentsLeft--;
          const page = await member.browser.get(`/works/${id}`);
          const form =
            page.status === 200
              ? formFields(page.body, `/works/${id}/comments`, (f) => f.parentId === undefined)
              : null;
          if (!form) return void answer(`GET /works/${id} (comment form) as ${member.login}`, page);
          const text = word();
          const response = await member.browser.post(`/works/${id}/comments`, {
            ...form,
            body: `A comment, ${text}, left as the server may die.`,
          });
          const match = new RegExp(`^(/works/${id}(?:/chapters/\\d+|\\?view_full_work=true))#comment-(\\d+)$`).exec(
            response.location ?? '',
          );
          if (response.status !== 303 || !match)
            return void answer(`POST /works/${id}/comments as ${member.login}`, response);
          return {
            kind: 'comment',
            member,
            cycle,
            workId: id,
            page: match[1],
            texts: [text, `id="comment-${match[2]}"`],
          };
        }

        async function kudos(member: Member, cycle: number): Promise<Ack | undefined> {
          const open = works.filter((w) => w.writer !== member && !member.kudosOn.has(w.id));
          if (open.length === 0) return undefined;
          const { id } = pick(open);
          member.kudosOn.add(id);
          member.lifetime.kudos++;
          const page = await member.browser.get(`/works/${id}`);
          const form = page.status === 200 ? formFields(page.body, `/works/${id}/kudos`) : null;
          if (!form) return void answer(`GET /works/${id} (kudos form) as ${member.login}`, page);
          const response = await member.browser.post(`/works/${id}/kudos`, form);
          if (
            response.status !== 303 ||
            !new RegExp(`^/works/${id}(/chapters/\\d+)?#kudos$`).test(response.location ?? '')
          )
            return void answer(`POST /works/${id}/kudos as ${member.login}`, response);
          return {
            kind: 'kudos',
            member,
            cycle,
            workId: id,
            page: `/works/${id}`,
            texts: ['You left kudos on this work.'],
          };
        }

        async function bookmark(member: Member, cycle: number): Promise<Ack | undefined> {
          const open = works.filter((w) => w.writer !== member && !member.bookmarked.has(w.id));
          if (open.length === 0) return undefined;
          const { id } = pick(open);
          member.bookmarked.add(id);
          member.lifetime.bookmark++;
          const page = await member.browser.get(`/bookmarks/new?work=${id}`);
          const form = page.status === 200 ? formFields(page.body, '/bookmarks') : null;
          if (!form) return void answer(`GET /bookmarks/new?work=${id} as ${member.login}`, page);
          const text = word();
          const response = await member.browser.post('/bookmarks', { ...form, notes: `Kept while it burns, ${text}.` });
          if (response.status !== 303 || response.location !== `/users/${member.login}/bookmarks`)
            return void answer(`POST /bookmarks (work ${id}) as ${member.login}`, response);
          // Bookmarking a work again opens the bookmark there is: that is where it shows.
          return { kind: 'bookmark', member, cycle, workId: id, page: `/bookmarks/new?work=${id}`, texts: [text] };
        }

        /** One write chosen at random among those a member may still make. */
        function nextWrite(cycle: number): (() => Promise<Ack | undefined>) | undefined {
          for (let attempt = 0; attempt < 20; attempt++) {
            const roll = random();
            if (works.length < 3 || roll < 0.25) {
              const writer = pick(writers);
              if (writer.lifetime.work < PER_LIFETIME.work) return () => postWork(writer, cycle);
            } else if (roll < 0.45) {
              const writer = pick(writers);
              if (writer.lifetime.chapter < PER_LIFETIME.chapter && writer.works.length > 0)
                return () => addChapter(writer, cycle);
            } else if (roll < 0.65) {
              const member = pick(members);
              if (member.commentsLeft > 2) return () => comment(member, cycle);
            } else if (roll < 0.8) {
              const reader = pick(readers);
              if (reader.lifetime.kudos < PER_LIFETIME.kudos) return () => kudos(reader, cycle);
            } else {
              const reader = pick(readers);
              if (reader.lifetime.bookmark < PER_LIFETIME.bookmark) return () => bookmark(reader, cycle);
            }
          }
          return undefined;
        }

        /** GETs every acknowledged write as the member who made it; returns what is missing. */
        async function missingWrites(): Promise<string[]> {
          const missing: string[] = [];
          const queue = [...acks];
          await Promise.all(
            Array.from({ length: 8 }, async () => {
              for (let ack = queue.shift(); ack; ack = queue.shift()) {
                let response = await ack.member.browser.get(ack.page);
                if (ack.kind === 'bookmark') {
                  const edit = /^\/bookmarks\/\d+\/edit$/.exec(response.location ?? '');
                  if (response.status === 303 && edit) response = await ack.member.browser.get(edit[0]);
                  else response = { ...response, status: -response.status };
                }
                const absent = ack.texts.filter((text) => !response.body.includes(text));
                if (response.status !== 200 || absent.length > 0)
                  missing.push(
                    `${ack.kind} acknowledged in cycle ${ack.cycle} to ${ack.member.login} (work ${ack.workId}): ` +
                      `GET ${ack.page} answered ${response.status}` +
                      (absent.length > 0 ? `, without ${absent.join(', ')}` : ''),
                  );
              }
            }),
          );
          return missing;
        }

        const cycles: string[] = [];
        for (let cycle = 1; cycle <= CYCLES; cycle++) {
          for (const member of members) member.lifetime = { work: 0, chapter: 0, kudos: 0, bookmark: 0 };
          const killAfter = KILL_AFTER + Math.floor(random() * KILL_AFTER);
          let acknowledged = 0;
          let killed = false;
          let postsAtKill = 0;
          let lost = 0;
          const loadStarted = Date.now();
          await Promise.all(
            Array.from({ length: CONCURRENCY }, async () => {
              while (!killed) {
                const write = nextWrite(cycle);
                if (!write) {
                  unexpected.push({ what: `cycle ${cycle}: no write left to make`, status: 0, detail: '' });
                  break;
                }
                try {
                  const ack = await write();
                  if (ack) {
                    // A response that arrived is acknowledged, even one that crossed the kill.
                    acks.push(ack);
                    acknowledged++;
                    if (!killed && acknowledged >= killAfter) {
                      killed = true;
                      postsAtKill = Browser.postsInFlight;
                      server.killNow();
                    }
                  }
                } catch (error) {
                  if (!killed || !isConnectionError(error)) {
                    unexpected.push({ what: `cycle ${cycle}: request failed`, status: 0, detail: String(error) });
                    killed = true;
                    server.killNow();
                  } else lost++;
                }
              }
            }),
          );
          await server.kill();
          const loadSeconds = (Date.now() - loadStarted) / 1000;
          assert.deepEqual(unexpected, [], `cycle ${cycle}: every write answered as a browser expects`);

          const restarting = Date.now();
          await server.start();
          attach();
          const restartSeconds = (Date.now() - restarting) / 1000;
          const missing = await missingWrites();
          assert.deepEqual(missing, [], `after kill ${cycle}, every acknowledged write is there`);
          cycles.push(
            `cycle ${cycle}: killed after ${acknowledged} acknowledged writes (${loadSeconds.toFixed(1)} s of load, ` +
              `${postsAtKill} form posts in flight at the kill, ${lost} requests cut off); restarted in ` +
              `${restartSeconds.toFixed(1)} s; ${acks.length} acknowledged so far, all found`,
          );
          t.diagnostic(cycles.at(-1)!);
        }
        const byKind = Object.fromEntries(
          (['work', 'chapter', 'comment', 'kudos', 'bookmark'] as Kind[]).map((kind) => [
            kind,
            acks.filter((a) => a.kind === kind).length,
          ]),
        );
        t.diagnostic(`acknowledged and found: ${JSON.stringify(byKind)}`);

        // The restarted archive still serves every work it lists (writes cut off by a kill left
        // nothing half-made), and search finds every acknowledged work.
        const w1 = writers[0].browser;
        const listed = new Set<number>();
        for (let page = 1; page < 50; page++) {
          const listing = await w1.get(`/works?page=${page}`);
          assert.equal(listing.status, 200, `/works?page=${page}`);
          const before = listed.size;
          for (const match of listing.body.matchAll(/href="\/works\/(\d+)"/g)) listed.add(Number(match[1]));
          if (listed.size === before) break;
        }
        for (const work of works) assert.ok(listed.has(work.id), `acknowledged work ${work.id} is listed at /works`);
        const queue = [...listed];
        const broken: string[] = [];
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
              for (const path of [`/works/${id}`, `/works/${id}?view_full_work=true`, `/works/${id}/navigate`]) {
                const response = await w1.get(path);
                if (response.status !== 200) broken.push(`${path}: ${response.status}`);
              }
            }
          }),
        );
        assert.deepEqual(broken, [], 'every listed work opens');
        t.diagnostic(
          `${listed.size} works listed, ${listed.size - works.length} of them posted but never acknowledged`,
        );
        const unfound: string[] = [];
        for (const work of works) {
          const search = await w1.get(`/works?q=${work.title}`);
          if (search.status !== 200 || !search.body.includes(`href="/works/${work.id}"`))
            unfound.push(`${work.title} (work ${work.id}): ${search.status}`);
        }
        assert.deepEqual(unfound, [], 'search finds every acknowledged work');

        // And it takes new writes, which are there too.
        const cycle = CYCLES + 1;
        for (const member of members) member.lifetime = { work: 0, chapter: 0, kudos: 0, bookmark: 0 };
        const fresh: (Ack | undefined)[] = [];
        fresh.push(await postWork(writers[0], cycle));
        fresh.push(await addChapter(writers[0], cycle));
        fresh.push(await comment(readers[0], cycle));
        fresh.push(await kudos(readers[0], cycle));
        fresh.push(await bookmark(readers[0], cycle));
        assert.deepEqual(unexpected, [], 'new writes after the last restart are answered as a browser expects');
        assert.equal(fresh.filter(Boolean).length, 5, 'every new write was acknowledged');
        for (const ack of fresh) acks.push(ack!);
        assert.deepEqual(await missingWrites(), [], 'the new writes are there too');
        assert.deepEqual(server.errorLines(), [], 'the server logged no errors');
        t.diagnostic(`${acks.length} acknowledged writes checked; ${((Date.now() - started) / 1000).toFixed(1)} s`);
      },
    );
  });
}

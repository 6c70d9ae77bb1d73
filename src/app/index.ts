/**
 * The application layer: every use case of the archive, one module per aggregate, over the store
 * and the works search. Routes (HTML pages, the JSON API, feeds, OPDS, downloads) call these and
 * never the store; each rule about who may see or do what is applied here, once.
 *
 * Use cases take a viewer (a member, or null for a guest) and plain values, and return results.
 * What cannot be done is thrown as a typed outcome from domain/errors.ts (NotFoundError,
 * ForbiddenError, LogInRequiredError, ValidationError), which each surface maps to its status
 * in one place (the page error handler, the API error handler).
 */
import type { ArchiveDeps, ModuleDeps } from './deps.ts';
import { WorkAccess } from './access.ts';
import { Visitors } from './visitors.ts';
import { WorkFacts } from './work-facts.ts';
import { Kudos } from './kudos.ts';
import { Comments } from './comments.ts';
import { Works } from './works.ts';
import { WorkListing } from './work-listing.ts';
import { Bookmarks } from './bookmarks.ts';
import { Subscriptions } from './subscriptions.ts';
import { Readings } from './readings.ts';
import { WriterStatsModule } from './writer-stats.ts';
import { Accounts } from './accounts.ts';
import { Sessions } from './sessions.ts';
import { Usernames } from './usernames.ts';
import { People } from './people.ts';
import { Blocks } from './blocks.ts';
import { Mutes } from './mutes.ts';
import { Inbox } from './inbox.ts';
import { Tags } from './tags.ts';
import { TagAdmin } from './tag-admin.ts';
import { Discovery } from './discovery.ts';
import { WorkPeople } from './work-people.ts';
import { Chapters } from './chapters.ts';
import { Drafts } from './drafts.ts';
import { SeriesOfWorks } from './series.ts';
import { Imports } from './imports.ts';
import { Merges } from './merges.ts';
import { Feeds } from './feeds.ts';
import { Staff } from './staff.ts';
import { Audit } from './audit.ts';
import { Moderation } from './moderation.ts';
import { Reports } from './reports.ts';
import { Admin } from './admin.ts';
import { News } from './news.ts';
import { Terms } from './terms.ts';
import { Invitations } from './invitations.ts';
import { Crawlers } from './crawlers.ts';
import { WorkSpamCheck } from './work-spam.ts';
import { AccountRecovery } from './recovery.ts';
import { TwoFactor } from './two-factor.ts';
import { DataExports } from './data-exports.ts';
import { Collections } from './collections.ts';
import { GiftExchanges } from './gift-exchanges.ts';
import { PromptMemes } from './prompt-memes.ts';
import { Operations } from './operations.ts';

export class Archive {
  /** Who may read and change a work. */
  readonly access: WorkAccess;
  /** Who is asking, as kudos and hits count people; hits. */
  readonly visitors: Visitors;
  readonly kudos: Kudos;
  readonly comments: Comments;
  /** Posting and changing works, with their series. */
  readonly works: Works;
  /** The API's lists of works. */
  readonly listing: WorkListing;
  readonly bookmarks: Bookmarks;
  readonly subscriptions: Subscriptions;
  readonly readings: Readings;
  /** Statistics for writers (their own works; admins too). */
  readonly writerStats: WriterStatsModule;
  readonly accounts: Accounts;
  /** Where a member is logged in, and ending those sessions. */
  readonly sessions: Sessions;
  /** Changing a username, and where old usernames lead. */
  readonly usernames: Usernames;
  readonly people: People;
  readonly blocks: Blocks;
  readonly mutes: Mutes;
  readonly inbox: Inbox;
  readonly tags: Tags;
  /** Admins renaming and deleting tags. */
  readonly tagAdmin: TagAdmin;
  readonly discovery: Discovery;
  readonly workPeople: WorkPeople;
  readonly chapters: Chapters;
  readonly drafts: Drafts;
  readonly series: SeriesOfWorks;
  readonly imports: Imports;
  readonly merges: Merges;
  readonly feeds: Feeds;
  /** Who moderates and who runs the archive. */
  readonly staff: Staff;
  /** The audit log of staff actions. */
  readonly audit: Audit;
  /** Hiding and deleting content, suspending accounts. */
  readonly moderation: Moderation;
  /** Abuse reports and their queue. */
  readonly reports: Reports;
  /** The admin dashboard and roles. */
  readonly admin: Admin;
  /** Site news posts and their comments. */
  readonly news: News;
  /** Terms of service and privacy policy, and members' acceptance. */
  readonly terms: Terms;
  /** Sign-up modes, invitations and the invitation queue. */
  readonly invitations: Invitations;
  /** robots.txt, "do not index" choices and the sitemap. */
  readonly crawlers: Crawlers;
  /** The spam check on new accounts' first works. */
  readonly workSpam: WorkSpamCheck;
  /** Password-reset links, email confirmation, and what an unconfirmed account may not do. */
  readonly recovery: AccountRecovery;
  /** Two-factor log-in with an authenticator app, and recovery codes. */
  readonly twoFactor: TwoFactor;
  /** "Download my data": asking for a member's export and fetching it. */
  readonly dataExports: DataExports;
  /** Collections: creating and keeping them, their works and bookmarks, reveals. */
  readonly collections: Collections;
  /** Gift exchanges: sign-ups, matching, assignments, pinch hitters. */
  readonly giftExchanges: GiftExchanges;
  /** Prompt memes: prompts, claims and fills in a collection. */
  readonly promptMemes: PromptMemes;
  /** /health and /metrics: this process's state, the database, the works index, the job queue. */
  readonly operations: Operations;

  constructor(deps: ArchiveDeps) {
    const { store } = deps;
    this.access = new WorkAccess(store);
    const batch = { flushMs: deps.config.writeBatchMs, warn: (message: string) => console.warn(message) };
    this.visitors = new Visitors(store, batch);
    this.kudos = new Kudos(store, this.access, this.visitors, new WorkFacts(deps.search), batch);
    // Read at call time: whether the viewer's address must be confirmed before they comment.
    this.comments = new Comments(store, this.access, (viewer) => this.recovery.writingRefusal(viewer, 'comment'));
    this.listing = new WorkListing(store, deps.search);
    const moduleDeps: ModuleDeps = { ...deps, archive: this };
    this.works = new Works(moduleDeps);
    this.bookmarks = new Bookmarks(moduleDeps);
    this.subscriptions = new Subscriptions(moduleDeps);
    this.readings = new Readings(moduleDeps);
    this.writerStats = new WriterStatsModule(moduleDeps);
    this.accounts = new Accounts(moduleDeps);
    this.sessions = new Sessions(moduleDeps);
    this.usernames = new Usernames(moduleDeps);
    this.people = new People(moduleDeps);
    this.blocks = new Blocks(moduleDeps);
    this.mutes = new Mutes(moduleDeps);
    this.inbox = new Inbox(moduleDeps);
    this.tags = new Tags(moduleDeps);
    this.tagAdmin = new TagAdmin(moduleDeps);
    this.discovery = new Discovery(moduleDeps);
    this.workPeople = new WorkPeople(moduleDeps);
    this.chapters = new Chapters(moduleDeps);
    this.drafts = new Drafts(moduleDeps);
    this.series = new SeriesOfWorks(moduleDeps);
    this.imports = new Imports(moduleDeps);
    this.merges = new Merges(moduleDeps);
    this.feeds = new Feeds(moduleDeps);
    this.staff = new Staff(moduleDeps);
    this.audit = new Audit(moduleDeps);
    this.moderation = new Moderation(moduleDeps);
    this.reports = new Reports(moduleDeps);
    this.admin = new Admin(moduleDeps);
    this.news = new News(moduleDeps);
    this.terms = new Terms(moduleDeps);
    this.invitations = new Invitations(moduleDeps);
    this.crawlers = new Crawlers(moduleDeps);
    this.workSpam = new WorkSpamCheck(moduleDeps);
    this.recovery = new AccountRecovery(moduleDeps);
    this.twoFactor = new TwoFactor(moduleDeps);
    this.dataExports = new DataExports(moduleDeps);
    this.collections = new Collections(moduleDeps);
    this.giftExchanges = new GiftExchanges(moduleDeps);
    this.promptMemes = new PromptMemes(moduleDeps);
    this.operations = new Operations(moduleDeps);
  }
}

export type { Viewer, Member } from './viewer.ts';
export type { ArchiveDeps } from './deps.ts';

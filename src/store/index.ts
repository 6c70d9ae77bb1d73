import { openDatabase, type DatabaseHandle, type OpenOptions } from './database.ts';
import { migrate } from './migrations.ts';
import { PseudStore } from './pseuds.ts';
import { SessionStore } from './sessions.ts';
import { UserRenameStore } from './renames.ts';
import { SettingsStore } from './settings.ts';
import { UserStore } from './users.ts';
import { WorkStore } from './works.ts';
import { SeriesStore } from './series.ts';
import { WorkLinkStore } from './work-links.ts';
import { WorkSurroundingsStore } from './work-surroundings.ts';
import { BlockStore } from './blocks.ts';
import { TagStore } from './tags.ts';
import { AutosaveStore } from './autosaves.ts';
import { MergeStore } from './merges.ts';
import { InboxStore } from './inbox.ts';
import { SubscriptionStore } from './subscriptions.ts';
import { KudosStore } from './kudos.ts';
import { CommentStore } from './comments.ts';
import { BookmarkStore } from './bookmarks.ts';
import { CatalogStore } from './catalog.ts';
import { ApiTokenStore } from './api-tokens.ts';
import { JobStore } from './jobs.ts';
import { DigestStore } from './digests.ts';
import { ReadingStore } from './readings.ts';
import { WorkStatsStore } from './work-stats.ts';
import { RoleStore } from './roles.ts';
import { HeldAddressStore } from './held-addresses.ts';
import { MuteStore } from './mutes.ts';
import { SavedSearchStore } from './saved-searches.ts';
import { ImportStore } from './imports.ts';
import { DownloadStore } from './downloads.ts';
import { NewsStore } from './news.ts';
import { TermsStore } from './terms.ts';
import { InvitationStore } from './invitations.ts';
import { ReportStore } from './reports.ts';
import { AuditLogStore } from './audit-log.ts';
import { RateLimitCounterStore } from './rate-limits.ts';
import { AccountTokenStore } from './account-tokens.ts';
import { CrawlerStore } from './crawlers.ts';
import { TwoFactorStore } from './two-factor.ts';
import { DataExportStore } from './data-exports.ts';
import { CollectionStore } from './collections.ts';
import { HealthStore } from './health.ts';
import { GiftExchangeStore } from './gift-exchanges.ts';
import { PromptMemeStore } from './prompt-memes.ts';

/** Every aggregate's store over one database connection. */
export class Store {
  readonly users: UserStore;
  readonly pseuds: PseudStore;
  readonly sessions: SessionStore;
  /** Usernames given up: redirects from old addresses, the weekly limit, the admin's history. */
  readonly userRenames: UserRenameStore;
  readonly settings: SettingsStore;
  readonly works: WorkStore;
  readonly series: SeriesStore;
  /** Co-creator invitations, gifts, beta readers and related works. */
  readonly workLinks: WorkLinkStore;
  readonly workSurroundings: WorkSurroundingsStore;
  readonly blocks: BlockStore;
  readonly tags: TagStore;
  readonly autosaves: AutosaveStore;
  readonly merges: MergeStore;
  /** The notifications inbox and what each member wants to hear of. */
  readonly inbox: InboxStore;
  readonly subscriptions: SubscriptionStore;
  /** Kudos and hits. */
  readonly kudos: KudosStore;
  readonly comments: CommentStore;
  readonly bookmarks: BookmarkStore;
  /** What guests may browse: public works, their tags and series (feeds, OPDS). */
  readonly catalog: CatalogStore;
  /** Personal API tokens. */
  readonly apiTokens: ApiTokenStore;
  /** Background work, claimed by one process at a time. */
  readonly jobs: JobStore;
  /** Notifications gathered for mail digests. */
  readonly digests: DigestStore;
  /** Reading history and "marked for later". */
  readonly readings: ReadingStore;
  readonly workStats: WorkStatsStore;
  readonly roles: RoleStore;
  readonly heldAddresses: HeldAddressStore;
  readonly mutes: MuteStore;
  readonly savedSearches: SavedSearchStore;
  /** Imports between upload and posting. */
  readonly imports: ImportStore;
  /** What downloads need beyond works: chapter change stamps, the archive's UUID. */
  readonly downloads: DownloadStore;
  /** Site news posts and their comments. */
  readonly news: NewsStore;
  /** Terms of service and privacy policy versions, and who accepted them. */
  readonly terms: TermsStore;
  /** Sign-up invitations and the queue asking for them. */
  readonly invitations: InvitationStore;
  /** Abuse reports, one queue entry per reported thing. */
  readonly reports: ReportStore;
  /** Staff actions: insert and list only. */
  readonly auditLog: AuditLogStore;
  /** Rate-limit counters every process shares (when Redis does not keep them). */
  readonly rateLimits: RateLimitCounterStore;
  /** Password-reset and email-confirmation links. */
  readonly accountTokens: AccountTokenStore;
  /** "Do not index" choices on works and accounts; the sitemap's pages. */
  readonly crawlers: CrawlerStore;
  /** Two-factor secrets, used steps and recovery codes. */
  readonly twoFactor: TwoFactorStore;
  /** "Download my data": exports asked for, their zips while they last. */
  readonly dataExports: DataExportStore;
  /** Collections: their settings, participants and items (works and bookmarks). */
  readonly collections: CollectionStore;
  /** Whether the database answers, the work change log's length past a point, the jobs backlog. */
  readonly health: HealthStore;
  /** Gift exchanges: sign-up rules, sign-ups, matching runs and assignments. */
  readonly giftExchanges: GiftExchangeStore;
  /** Prompt memes: settings, prompts, claims and fills. */
  readonly promptMemes: PromptMemeStore;

  constructor(readonly handle: DatabaseHandle) {
    this.users = new UserStore(handle.db);
    this.pseuds = new PseudStore(handle.db);
    this.sessions = new SessionStore(handle.db);
    this.userRenames = new UserRenameStore(handle.db);
    this.settings = new SettingsStore(handle.db);
    this.works = new WorkStore(handle.db);
    this.series = new SeriesStore(handle.db);
    this.workLinks = new WorkLinkStore(handle.db);
    this.workSurroundings = new WorkSurroundingsStore(handle.db);
    this.blocks = new BlockStore(handle.db);
    this.tags = new TagStore(handle.db);
    this.autosaves = new AutosaveStore(handle.db);
    this.merges = new MergeStore(handle.db, handle.dialect);
    this.inbox = new InboxStore(handle.db);
    this.subscriptions = new SubscriptionStore(handle.db);
    this.kudos = new KudosStore(handle.db);
    this.comments = new CommentStore(handle.db);
    this.bookmarks = new BookmarkStore(handle.db);
    this.catalog = new CatalogStore(handle.db);
    this.apiTokens = new ApiTokenStore(handle.db);
    this.jobs = new JobStore(handle.db);
    this.digests = new DigestStore(handle.db);
    this.readings = new ReadingStore(handle.db);
    this.workStats = new WorkStatsStore(handle.db);
    this.roles = new RoleStore(handle.db, handle.dialect);
    this.heldAddresses = new HeldAddressStore(handle.db);
    this.mutes = new MuteStore(handle.db);
    this.savedSearches = new SavedSearchStore(handle.db);
    this.imports = new ImportStore(handle.db);
    this.downloads = new DownloadStore(handle.db);
    this.news = new NewsStore(handle.db);
    this.terms = new TermsStore(handle.db);
    this.invitations = new InvitationStore(handle.db);
    this.reports = new ReportStore(handle.db);
    this.auditLog = new AuditLogStore(handle.db);
    this.rateLimits = new RateLimitCounterStore(handle.db);
    this.accountTokens = new AccountTokenStore(handle.db);
    this.crawlers = new CrawlerStore(handle.db);
    this.twoFactor = new TwoFactorStore(handle.db);
    this.dataExports = new DataExportStore(handle.db);
    this.collections = new CollectionStore(handle.db);
    this.health = new HealthStore(handle.db);
    this.giftExchanges = new GiftExchangeStore(handle.db);
    this.promptMemes = new PromptMemeStore(handle.db);
  }

  get dialect() {
    return this.handle.dialect;
  }

  migrate(): Promise<string[]> {
    return migrate(this.handle);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export async function openStore(options: OpenOptions, { migrate: runMigrations = true } = {}): Promise<Store> {
  const store = new Store(openDatabase(options));
  if (runMigrations) await store.migrate();
  return store;
}

export type { User } from './users.ts';
export type { DeviceSession } from './sessions.ts';
export type { PreviousLogin, UsernameChange } from './renames.ts';
export type { Pseud, PseudByline } from './pseuds.ts';
export type { Work, WorkBlurb, Chapter, ChapterSummary, Creator, WorkTag, InSeries } from './works.ts';
export type { Series, SeriesPlace, SeriesChoice } from './series.ts';
export type { HiddenByModerators } from './hidden.ts';
export type { Credit, RelatedLink, InboundLink, Invitation, Gift, WorkLinks } from './work-links.ts';
export type { TagSuggestion } from './tags.ts';
export type { Autosave } from './autosaves.ts';
export type { MergeCandidate } from './merges.ts';
export type { Notice, NotificationPreferences } from './inbox.ts';
export type { Subscription, SubscriptionKind } from './subscriptions.ts';
export type { Visitor, WorkKudos } from './kudos.ts';
export type { Comment } from './comments.ts';
export type { Bookmark } from './bookmarks.ts';
export type { CatalogTag, CatalogSeries, Slice } from './catalog.ts';
export type { ApiToken } from './api-tokens.ts';
export type { Job, JobState } from './jobs.ts';
export type { Digest } from './digests.ts';
export type { Reading, ReadingPosition, ReadingProgress } from './readings.ts';
export type { Role } from './roles.ts';
export type { Muted, MutedTag, MutedUser, MuteKind } from './mutes.ts';
export type { SavedSearch } from './saved-searches.ts';
export type { WrangledTag } from '../domain/tags.ts';
export type { PendingImport, PendingImportListing } from './imports.ts';
export type { ChapterStamp } from './downloads.ts';
export type { NewsPost, NewsComment } from './news.ts';
export type { SiteDocumentKind, SiteDocumentVersion } from './terms.ts';
export type { SignUpInvitation, InvitationRequest } from './invitations.ts';
export type { Report, ReportCase, ReportCaseDetail, ReportNote } from './reports.ts';
export type { AuditEntry, AuditLines, NewAuditEntry } from './audit-log.ts';
export type { RateLimitCount, RateLimitCounters } from './rate-limits.ts';
export type { SitemapRow } from './crawlers.ts';
export type {
  Collection,
  CollectionItem,
  CollectionParticipant,
  CollectionRole,
  WorkCollectionItem,
} from './collections.ts';

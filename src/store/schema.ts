import type { Generated } from 'kysely';
import type { PromptMemeTables } from './prompt-meme-tables.ts';

/**
 * Table types shared by SQLite and PostgreSQL. Timestamps are ISO 8601 UTC strings
 * (they sort and compare as text on both engines); flags are 0/1 integers.
 */
export interface UsersTable {
  id: Generated<number>;
  login: string;
  login_key: string;
  email: string;
  password_hash: string | null;
  created_at: string;
  keeps_history: Generated<number>;
  /** Suspended until then (no log-in, no posting); or banned (`banned_at` set, no end). */
  suspended_until: string | null;
  banned_at: string | null;
  suspension_reason: string | null;
  /** When the address was confirmed by a mailed link (accounts from before confirmation existed: their creation). */
  email_confirmed_at: string | null;
  /** A new address waiting for its confirmation link; `email` stays until it is confirmed (migration 0025). */
  pending_email: string | null;
  /** 1: ask search engines and AI crawlers not to index the member's works and pages (migration 0029). */
  noindex: Generated<number>;
}

/** A single-use link mailed to a member (password reset, email confirmation): only its token's hash is kept. */
export interface AccountTokensTable {
  id: Generated<number>;
  user_id: number;
  /** 'password-reset' or 'email-confirm'. */
  purpose: string;
  token_hash: string;
  /** The address an email-confirm link confirms. */
  email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PseudsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  name_key: string;
  description: string;
  is_default: number;
  created_at: string;
  default_disclaimer: Generated<string>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  remember: number;
  /** The user agent the session was last used from (cut to 500 characters); null for sessions from before. */
  user_agent: string | null;
  /** Moved forward at most every few minutes (domain/devices.ts); null for sessions from before. */
  last_seen_at: string | null;
}

/** A username given up: its old addresses lead to the member, and it is held a while (domain/usernames.ts). */
export interface UserRenamesTable {
  id: Generated<number>;
  old_login: string;
  old_login_key: string;
  user_id: number;
  changed_at: string;
}

/** A member's authenticator-app secret (migration 0027): on once `confirmed_at` is set. */
export interface TwoFactorTable {
  user_id: number;
  /** The TOTP secret, encrypted (AES-256-GCM) with the archive's two-factor key. */
  secret: string;
  created_at: string;
  /** Null while the setup waits for its first code. */
  confirmed_at: string | null;
  /** The last step whose code was accepted: no code of it or before is accepted again. */
  last_step: number | null;
}

/** A one-time recovery code: only its hash is kept. */
export interface TwoFactorRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface SiteSettingsTable {
  key: string;
  value: string;
}

export interface WorksTable {
  id: Generated<number>;
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  disclaimer: string;
  rating: string;
  language: string;
  visibility: string;
  comment_policy: string;
  moderated: number;
  expected_chapters: number | null;
  complete: number;
  published_at: string | null;
  revised_at: string | null;
  created_at: string;
  updated_at: string;
  word_count: Generated<number>;
  chapter_count: Generated<number>;
  hits: Generated<number>;
  kudos_count: Generated<number>;
  comment_count: Generated<number>;
  bookmark_count: Generated<number>;
  /** Set while hidden by the archive's moderators; only its creators (told the reason) and staff see it. */
  hidden_at: string | null;
  hidden_reason: string | null;
  /** 1: the creators ask search engines and AI crawlers not to index this work (migration 0029). */
  noindex: Generated<number>;
  /** 1 (the default): readers may comment on a paragraph or sentence of its chapters (migration 0035). */
  passage_comments: Generated<number>;
  /** 1: in a collection that has not revealed it: read only by its creators and that collection's maintainers. */
  unrevealed: Generated<number>;
  /** 1: in a collection that has not revealed its creators: shown as by "Anonymous" to everyone else. */
  anonymous: Generated<number>;
}

export interface CollectionsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  title: string;
  description: Generated<string>;
  rules: Generated<string>;
  faq: Generated<string>;
  parent_id: number | null;
  open: Generated<number>;
  moderated: Generated<number>;
  unrevealed: Generated<number>;
  anonymous: Generated<number>;
  reveal_works_at: string | null;
  reveal_creators_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CollectionParticipantsTable {
  collection_id: number;
  user_id: number;
  pseud_id: number;
  /** 'owner', 'moderator' or 'member'. */
  role: string;
  created_at: string;
}

export interface CollectionItemsTable {
  id: Generated<number>;
  collection_id: number;
  work_id: number | null;
  bookmark_id: number | null;
  /** 'approved', 'pending' or 'rejected': the collection's side. */
  collection_approval: string;
  /** 'approved', 'pending' or 'rejected': the creator's (or bookmarker's) side. */
  creator_approval: string;
  unrevealed: Generated<number>;
  anonymous: Generated<number>;
  added_by: number | null;
  created_at: string;
}

export interface GiftExchangesTable {
  collection_id: number;
  /** The sign-up form's rules, JSON (src/domain/gift-exchange/sign-up-rules.ts). */
  rules: string;
  /** Tags of each kind that must match, JSON. */
  match_settings: string;
  signups_open_at: string;
  signups_close_at: string;
  assignments_due_at: string | null;
  matching_status: Generated<string>;
  matching_progress: Generated<number>;
  matching_message: Generated<string>;
  matching_run: Generated<number>;
  generated_at: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GiftExchangeSignupsTable {
  id: Generated<number>;
  collection_id: number;
  user_id: number;
  pseud_id: number;
  pinch_hitter: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface GiftExchangePromptsTable {
  id: Generated<number>;
  signup_id: number;
  /** 'request' or 'offer'. */
  side: string;
  position: number;
  title: Generated<string>;
  description: Generated<string>;
  url: Generated<string>;
  /** Comma-separated tag kinds the prompt takes any tag of. */
  any_kinds: Generated<string>;
}

export interface GiftExchangePromptTagsTable {
  prompt_id: number;
  tag_id: number;
  position: number;
}

export interface GiftExchangeAssignmentsTable {
  id: Generated<number>;
  collection_id: number;
  giver_signup_id: number;
  receiver_signup_id: number;
  score: Generated<number>;
  pinch_hit: Generated<number>;
  sent_at: string | null;
  defaulted_at: string | null;
  work_id: number | null;
  fulfilled_at: string | null;
  created_at: string;
}

export interface CreatorshipsTable {
  work_id: number;
  pseud_id: number;
  position: number;
  accepted: number;
}

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  body: string;
  word_count: number;
  draft: number;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  announced_at: string | null;
  /** Set while hidden by the archive's moderators; only its creators (told the reason) and staff see it. */
  hidden_at: string | null;
  hidden_reason: string | null;
}

export interface TagsTable {
  id: Generated<number>;
  kind: string;
  name: string;
  name_key: string;
  created_at: string;
  canonical: Generated<number>;
  merger_id: number | null;
}

/** A name a tag had before an admin renamed it: its old address leads to the tag. */
export interface TagRenamesTable {
  kind: string;
  name_key: string;
  tag_id: number;
  renamed_at: string;
}

export interface TaggingsTable {
  work_id: number;
  tag_id: number;
  position: number;
}

export interface SeriesTable {
  id: Generated<number>;
  user_id: number | null;
  title: string;
  summary: string;
  notes: string;
  complete: number;
  created_at: string;
  updated_at: string;
  /** Set while hidden by the archive's moderators; only its creators (told the reason) and staff see it. */
  hidden_at: string | null;
  hidden_reason: string | null;
}

export interface SeriesWorksTable {
  series_id: number;
  work_id: number;
  position: number;
}

export interface ReaderSettingsTable {
  user_id: number;
  font_size: string;
  theme: string;
  line_width: string;
  skip_adult_notice: number;
}

export interface WorkCreditsTable {
  id: Generated<number>;
  work_id: number;
  /** 'gift' or 'beta'. */
  role: string;
  position: number;
  pseud_id: number | null;
  name: string;
  refused: Generated<number>;
}

export interface RelatedWorksTable {
  id: Generated<number>;
  work_id: number;
  /** 'sequel-of', 'inspired-by' or 'translation-of'. */
  relation: string;
  position: number;
  target_work_id: number | null;
  url: Generated<string>;
  title: Generated<string>;
}

export interface WorkRedirectsTable {
  old_work_id: number;
  work_id: number;
  created_at: string;
  /** The first chapter of the merged-away work, where its bare address leads. */
  chapter_id: number | null;
}

export interface AutosavesTable {
  user_id: number;
  form_key: string;
  payload: string;
  saved_at: string;
}

export interface PendingFormsTable {
  id: string;
  form_key: string;
  payload: string;
  created_at: string;
  expires_at: string;
}

export interface KudosTable {
  id: Generated<number>;
  work_id: number;
  user_id: number | null;
  guest_key: string | null;
  created_at: string;
}

/** A work's figures of one UTC day: how much each counter changed that day (migration 0034). */
export interface WorkStatsDailyTable {
  work_id: number;
  day: string;
  hits: Generated<number>;
  kudos: Generated<number>;
  comments: Generated<number>;
  bookmarks: Generated<number>;
  subscriptions: Generated<number>;
}
export interface WorkHitsTable {
  work_id: number;
  visitor_key: string;
  day: string;
}

export interface CommentsTable {
  id: Generated<number>;
  work_id: number;
  chapter_id: number | null;
  parent_id: number | null;
  /** The top comment of the thread (its own id for a top comment). */
  thread_id: number | null;
  depth: Generated<number>;
  user_id: number | null;
  pseud_id: number | null;
  guest_name: string | null;
  guest_email: string | null;
  body: string;
  /** 'published', 'held' or 'hidden'. */
  status: string;
  deleted: Generated<number>;
  frozen: Generated<number>;
  /** Salted hash of the commenter's address, for per-address limits. */
  address_key: string | null;
  edited_at: string | null;
  created_at: string;
  /** Set while hidden by the archive's moderators; only its creators (told the reason) and staff see it. */
  hidden_at: string | null;
  hidden_reason: string | null;
  /** Why the archive held it for approval (the spam check, or its address), for those who approve it. */
  held_reason: string | null;
  /** A passage comment's paragraph in its chapter (1-based); null when not on a passage or its passage is gone. */
  paragraph: number | null;
  /** A passage comment's paragraph text as last anchored (plain text); null for other comments. */
  passage_text: string | null;
  /** The sentence the reader selected in that paragraph, when they selected one. */
  passage_quote: string | null;
}

export interface BookmarksTable {
  id: Generated<number>;
  user_id: number;
  pseud_id: number | null;
  work_id: number | null;
  series_id: number | null;
  notes: Generated<string>;
  private: Generated<number>;
  rec: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Set while hidden by the archive's moderators; only its creators (told the reason) and staff see it. */
  hidden_at: string | null;
  hidden_reason: string | null;
}

export interface BookmarkTagsTable {
  bookmark_id: number;
  name: string;
  name_key: string;
  position: number;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  /** 'work', 'series' or 'user'. */
  target_kind: string;
  target_id: number;
  created_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  work_id: number | null;
  chapter_id: number | null;
  comment_id: number | null;
  actor_user_id: number | null;
  message: string;
  /** Where the notice leads when not to a work (an archive path). */
  link: string | null;
  read_at: string | null;
  emailed_at: string | null;
  created_at: string;
  mail_due_at: string | null;
}

export interface GiftNoticesTable {
  work_id: number;
  user_id: number;
  created_at: string;
}

/** A rate-limit counter shared by every process (src/store/rate-limits.ts); times in ms since 1970. */
export interface RateLimitCountersTable {
  key: string;
  count: number;
  expires_at: number;
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  inbox: number;
  email: number;
}

export interface ReadingsTable {
  user_id: number;
  work_id: number;
  chapter_id: number | null;
  visits: Generated<number>;
  marked_for_later: Generated<number>;
  last_read_at: string | null;
  /** The paragraph (1-based) of chapter_id the member stopped at; null when only the chapter is known. */
  paragraph: number | null;
  /** The furthest chapter (its position) the member opened in the work; null when none was (migration 0034). */
  furthest_position: number | null;
}

export interface BlocksTable {
  blocker_id: number;
  blocked_id: number;
  created_at: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Generated<string>;
  run_at: string;
  attempts: Generated<number>;
  locked_until: string | null;
  last_error: string | null;
  done_at: string | null;
  created_at: string;
  unique_key: string | null;
}

export interface TagParentsTable {
  parent_id: number;
  child_id: number;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
  granted_at: string;
}

export interface MutesTable {
  user_id: number;
  target_kind: 'tag' | 'user';
  target_id: number;
  created_at: string;
}

export interface SavedSearchesTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  query: string;
  feed_token: string;
  created_at: string;
}

export interface WorkChangesTable {
  id: Generated<number>;
  /** 0 (EVERY_WORK): what many works' pages show changed (a member's name), not one work. */
  work_id: number;
  changed_at: string;
  /** 1: only the work's counters changed (hits); its kept guest pages stay. */
  counters_only: Generated<number>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface ImportsTable {
  id: Generated<number>;
  user_id: number;
  title: string;
  state: string;
  revision: number;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

/** Site news (0022): posts by admins, their tags and comments. */
export interface NewsPostsTable {
  id: Generated<number>;
  title: string;
  body: string;
  user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface NewsPostTagsTable {
  post_id: number;
  position: number;
  name: string;
  name_key: string;
}

export interface NewsCommentsTable {
  id: Generated<number>;
  post_id: number;
  parent_id: number | null;
  user_id: number | null;
  pseud_id: number | null;
  guest_name: string | null;
  guest_email: string | null;
  body: string;
  address_key: string | null;
  created_at: string;
  /** 'published', or 'held' by the spam check until an admin approves it (0032). */
  status: Generated<string>;
  held_reason: string | null;
}

/** Terms of service and privacy policy versions (0022). */
export interface SiteDocumentsTable {
  id: Generated<number>;
  kind: string;
  version: number;
  body: string;
  change_note: string;
  requires_acceptance: number;
  user_id: number | null;
  created_at: string;
}

export interface DocumentAcceptancesTable {
  user_id: number;
  kind: string;
  version: number;
  accepted_at: string;
}

/** Sign-up invitations, the queue asking for them, and what members may still give (0022). */
export interface InvitationsTable {
  id: Generated<number>;
  code: string;
  created_by: number | null;
  created_at: string;
  email: string | null;
  sent_at: string | null;
  used_at: string | null;
  used_by: number | null;
}

export interface InvitationRequestsTable {
  id: Generated<number>;
  email: string;
  created_at: string;
  invitation_id: number | null;
  sent_at: string | null;
}

export interface InvitationAllowancesTable {
  user_id: number;
  remaining: number;
}

/** One entry of the reports queue per reported thing (src/store/reports.ts). */
export interface ReportCasesTable {
  id: Generated<number>;
  target_kind: string;
  target_id: number;
  status: string;
  assignee_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReportsTable {
  id: Generated<number>;
  case_id: number;
  reason: string;
  details: string;
  reporter_id: number | null;
  reporter_email: string | null;
  /** 1 when the archive filed it itself (the spam check), with no reporter. */
  by_archive: Generated<number>;
  /** JSON of a ReportSnapshot (src/domain/reports.ts). */
  snapshot: string;
  target_path: string;
  created_at: string;
}

export interface ReportNotesTable {
  id: Generated<number>;
  case_id: number;
  author_id: number | null;
  author_login: string;
  body: string;
  created_at: string;
}

/** Staff actions, appended and never changed (src/store/audit-log.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  actor_login: string;
  action: string;
  target_kind: string;
  target_id: number | null;
  target_label: string;
  reason: string;
  created_at: string;
}

/** "Download my data" (0028): each export asked for, with its zip while it is ready. */
export interface DataExportsTable {
  id: Generated<number>;
  user_id: number;
  /** pending | ready | expired | failed */
  state: string;
  created_at: string;
  ready_at: string | null;
  expires_at: string | null;
  file: Uint8Array | null;
  file_size: number | null;
}

export interface HeldAddressesTable {
  address_key: string;
  held_at: string;
  held_by: number | null;
  reason: string;
}

export interface Database extends PromptMemeTables {
  tag_renames: TagRenamesTable;
  news_posts: NewsPostsTable;
  news_post_tags: NewsPostTagsTable;
  news_comments: NewsCommentsTable;
  site_documents: SiteDocumentsTable;
  document_acceptances: DocumentAcceptancesTable;
  invitations: InvitationsTable;
  invitation_requests: InvitationRequestsTable;
  invitation_allowances: InvitationAllowancesTable;
  users: UsersTable;
  account_tokens: AccountTokensTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  user_renames: UserRenamesTable;
  site_settings: SiteSettingsTable;
  two_factor: TwoFactorTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  works: WorksTable;
  creatorships: CreatorshipsTable;
  chapters: ChaptersTable;
  tags: TagsTable;
  taggings: TaggingsTable;
  series: SeriesTable;
  series_works: SeriesWorksTable;
  reader_settings: ReaderSettingsTable;
  work_credits: WorkCreditsTable;
  related_works: RelatedWorksTable;
  work_redirects: WorkRedirectsTable;
  autosaves: AutosavesTable;
  pending_forms: PendingFormsTable;
  kudos: KudosTable;
  work_hits: WorkHitsTable;
  work_stats_daily: WorkStatsDailyTable;
  comments: CommentsTable;
  bookmarks: BookmarksTable;
  bookmark_tags: BookmarkTagsTable;
  subscriptions: SubscriptionsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  gift_notices: GiftNoticesTable;
  readings: ReadingsTable;
  blocks: BlocksTable;
  jobs: JobsTable;
  tag_parents: TagParentsTable;
  user_roles: UserRolesTable;
  mutes: MutesTable;
  saved_searches: SavedSearchesTable;
  work_changes: WorkChangesTable;
  api_tokens: ApiTokensTable;
  imports: ImportsTable;
  rate_limit_counters: RateLimitCountersTable;
  held_addresses: HeldAddressesTable;
  data_exports: DataExportsTable;
  report_cases: ReportCasesTable;
  reports: ReportsTable;
  report_notes: ReportNotesTable;
  audit_log: AuditLogTable;
  collections: CollectionsTable;
  collection_participants: CollectionParticipantsTable;
  collection_items: CollectionItemsTable;
  gift_exchanges: GiftExchangesTable;
  gift_exchange_signups: GiftExchangeSignupsTable;
  gift_exchange_prompts: GiftExchangePromptsTable;
  gift_exchange_prompt_tags: GiftExchangePromptTagsTable;
  gift_exchange_assignments: GiftExchangeAssignmentsTable;
}

import type { Generated } from 'kysely';

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
  read_at: string | null;
  emailed_at: string | null;
  created_at: string;
  mail_due_at: string | null;
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
  work_id: number;
  changed_at: string;
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

export interface Database {
  users: UsersTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  site_settings: SiteSettingsTable;
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
  comments: CommentsTable;
  bookmarks: BookmarksTable;
  bookmark_tags: BookmarkTagsTable;
  subscriptions: SubscriptionsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
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
}

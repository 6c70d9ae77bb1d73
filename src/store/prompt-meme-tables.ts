import type { Generated } from 'kysely';

/** The prompt meme tables (migration 0038), merged into the Database type in schema.ts. */
export interface PromptMemesTable {
  collection_id: number;
  anonymous_allowed: number;
  max_prompts: number;
  open: number;
  opens_at: string | null;
  closes_at: string | null;
  /** Comma-separated tag kinds a prompt may have. */
  tag_kinds: string;
  fandom_required: number;
  created_at: string;
  updated_at: string;
}

export interface PromptsTable {
  id: Generated<number>;
  collection_id: number;
  user_id: number;
  pseud_id: number;
  title: string;
  description: string;
  anonymous: number;
  created_at: string;
  updated_at: string;
}

export interface PromptTagsTable {
  prompt_id: number;
  tag_id: number;
  position: number;
}

export interface PromptClaimsTable {
  prompt_id: number;
  user_id: number;
  created_at: string;
  fulfilled_at: string | null;
}

export interface PromptFillsTable {
  prompt_id: number;
  work_id: number;
  user_id: number | null;
  created_at: string;
}

export interface PromptMemeTables {
  prompt_memes: PromptMemesTable;
  prompts: PromptsTable;
  prompt_tags: PromptTagsTable;
  prompt_claims: PromptClaimsTable;
  prompt_fills: PromptFillsTable;
}

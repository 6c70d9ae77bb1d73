/** When and why the archive's moderators hid something; its creators are told the reason. */
export interface HiddenByModerators {
  at: string;
  reason: string;
}

/** The moderators' mark on a row that can be hidden (works, chapters, series, comments, bookmarks). */
export function hiddenOf(row: { hidden_at: string | null; hidden_reason: string | null }): HiddenByModerators | null {
  return row.hidden_at === null ? null : { at: row.hidden_at, reason: row.hidden_reason ?? '' };
}

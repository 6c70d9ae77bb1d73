/** Ids of rows, as addresses and forms name them. */

/** The largest id a row can have: PostgreSQL's `serial` is a 32-bit integer. */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether a number can be the id of a row (a larger one is no row, and must never reach a query). */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= MAX_ROW_ID;
}

/**
 * The work id no work has (ids start at 1), which the work change log uses for "every work":
 * something many works' pages show changed (a member renamed), see src/store/work-changes.ts.
 */
export const EVERY_WORK = 0;

import type { Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import type { WorkSearch } from '../search/work-search.ts';
import type { Archive } from './index.ts';

/** What the archive is built from. */
export interface ArchiveDeps {
  store: Store;
  search: WorkSearch;
  config: Config;
}

/** What each use-case module gets: the store, the works search, the settings and the other modules (read at call time). */
export interface ModuleDeps extends ArchiveDeps {
  archive: Archive;
}

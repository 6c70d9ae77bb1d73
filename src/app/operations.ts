import type { ModuleDeps } from './deps.ts';
import type { JobBacklog } from '../store/health.ts';
import type { ReplicaStatus } from '../store/database.ts';
import { QUIRE_VERSION } from '../version.ts';

/** How long the database may take to answer a health check before it counts as unreachable. */
export const DATABASE_CHECK_MS = 2_000;
/** With SEARCH_ENGINE=postgres, how long a count of the works is reported before it is counted again. */
const WORKS_COUNT_MS = 5_000;

/**
 * Where this server process is in its life: serving, or draining (it has been asked to stop:
 * it finishes the requests it holds, takes no new connections, and /health says so, so that a
 * proxy or the primary sends nothing more its way).
 */
export class ProcessState {
  private drainingSince: number | undefined;
  readonly startedAt = Date.now();

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  drain(): void {
    this.drainingSince ??= Date.now();
  }
}

export type HealthStatus = 'ok' | 'draining' | 'unavailable';

export interface HealthReport {
  status: HealthStatus;
  /** Whether this process should be sent requests (status "ok"). */
  healthy: boolean;
  database: { engine: 'sqlite' | 'postgres'; reachable: boolean; error?: string };
  index: {
    /** The works index is loaded (a process does not listen before it is). */
    ready: boolean;
    /** Works in this process's index; with SEARCH_ENGINE=postgres, the works PostgreSQL searches (counted every few seconds). */
    works: number;
    /** Work change log entries this process has not applied yet (it applies them before its next search). */
    lag: number | null;
  };
  /** With read replicas (DATABASE_REPLICA_URLS): each one as this process sees it. */
  replicas?: ReplicaStatus[];
  version: string;
  uptimeSeconds: number;
  /** This process (several serve one port). */
  pid: number;
}

export interface IndexFigures {
  works: number;
  lag: number;
}

/** What monitors ask of a server process: is it well, what is its index doing, what waits in the job queue. */
export class Operations {
  readonly process = new ProcessState();
  private worksCounted: { at: number; works: number } | undefined;

  constructor(private readonly deps: ModuleDeps) {}

  async health(): Promise<HealthReport> {
    const { store, search } = this.deps;
    let reachable = true;
    let error: string | undefined;
    let lag: number | null = null;
    let works = search.index.size;
    const replicas = store.handle.replicas?.status();
    try {
      await withinTime(store.health.ping(), DATABASE_CHECK_MS);
      lag = await withinTime(store.health.workChangesAfter(search.index.appliedChangeId), DATABASE_CHECK_MS);
      works = await withinTime(this.indexedWorks(), DATABASE_CHECK_MS);
    } catch (cause) {
      reachable = false;
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const status: HealthStatus = this.process.draining ? 'draining' : reachable ? 'ok' : 'unavailable';
    return {
      status,
      healthy: status === 'ok',
      database: { engine: store.dialect, reachable, ...(error ? { error } : {}) },
      index: { ready: true, works, lag },
      ...(replicas ? { replicas: await replicas } : {}),
      version: QUIRE_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.process.startedAt) / 100) / 10,
      pid: process.pid,
    };
  }

  /** This process's works index: its size and how many logged changes it has yet to apply. */
  async indexFigures(): Promise<IndexFigures> {
    const { store, search } = this.deps;
    return {
      works: await this.indexedWorks(),
      lag: await store.health.workChangesAfter(search.index.appliedChangeId),
    };
  }

  /** Works in this process's index, or with SEARCH_ENGINE=postgres (no index in any process) in the works table. */
  private async indexedWorks(): Promise<number> {
    const { store, search } = this.deps;
    if (search.engine !== 'postgres') return search.index.size;
    const now = Date.now();
    if (!this.worksCounted || now - this.worksCounted.at >= WORKS_COUNT_MS)
      this.worksCounted = { at: now, works: await store.health.countWorks() };
    return this.worksCounted.works;
  }

  /** Each read replica as this process sees it (none without DATABASE_REPLICA_URLS). */
  async replicaStatus(): Promise<ReplicaStatus[]> {
    return (await this.deps.store.handle.replicas?.status()) ?? [];
  }

  /** Due background jobs by kind. */
  jobBacklog(): Promise<JobBacklog[]> {
    return this.deps.store.health.jobBacklog();
  }
}

function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

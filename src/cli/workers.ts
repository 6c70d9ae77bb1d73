import cluster, { type Worker } from 'node:cluster';
import { aggregateMetricsForWorkers } from '../web/cluster-metrics.ts';

/** worker → primary: listening, and its own /health says ok. */
export const READY_MESSAGE = 'quire:ready';
/** primary → worker: stop taking connections, finish what you hold, exit. */
export const DRAIN_MESSAGE = 'quire:drain';

/** A new process may load a large works index first (70–85 s at 1M works): wait long for it. */
const READY_TIMEOUT_MS = 10 * 60_000;
/** A draining process finishing its requests (a large download, say) before it is killed. */
const STOP_TIMEOUT_MS = 2 * 60_000;
/** A process that dies before it is ready is started again after 1 s, 2 s, 4 s … at most 30 s. */
const MAX_RESTART_DELAY_MS = 30_000;

interface Member {
  worker: Worker;
  state: 'starting' | 'serving' | 'retiring';
  /** Started to take over from another in a rolling restart: if it fails, the restart stops instead. */
  takingOver: boolean;
  ready: Promise<void>;
  exited: Promise<void>;
  markReady(): void;
  markExited(why: string): void;
}

export interface PoolLog {
  info(message: string): void;
  error(message: string): void;
}

/**
 * The primary's worker processes for `bin/quire serve --workers N`: keeps N serving, starting
 * another when one dies, and on `rollingRestart()` (SIGHUP) replaces them one at a time: a new
 * process starts, and only once it is ready (listening, its database answering) is an old one
 * asked to drain (no new connections, its requests finished) and exit. A request is never
 * without a process to answer it.
 */
export class WorkerPool {
  private readonly members = new Map<number, Member>();
  private stopping = false;
  private restart: Promise<void> | undefined;
  private earlyDeaths = 0;

  constructor(
    private readonly size: number,
    private readonly log: PoolLog,
  ) {}

  start(): void {
    cluster.on('message', (worker, message: unknown) => {
      if (message === READY_MESSAGE) this.members.get(worker.id)?.markReady();
    });
    cluster.on('exit', (worker, code, signal) => this.exited(worker, signal ?? String(code)));
    // Processes that drain are about to close their database: their figures are left out.
    aggregateMetricsForWorkers(() =>
      [...this.members.values()].filter((m) => m.state === 'serving').map((m) => m.worker),
    );
    for (let i = 0; i < this.size; i++) this.fork(false);
  }

  /** Process ids of the processes serving now (for logs and tests). */
  get servingPids(): number[] {
    return [...this.members.values()].filter((m) => m.state === 'serving').map((m) => m.worker.process.pid ?? 0);
  }

  private fork(takingOver: boolean): Member {
    const worker = cluster.fork();
    let markReady = () => {};
    let markExited: (why: string) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markExited = (why) => reject(new Error(`process ${worker.process.pid} stopped before it was ready (${why})`));
    });
    ready.catch(() => undefined);
    let exitedResolve = () => {};
    const exited = new Promise<void>((resolve) => (exitedResolve = resolve));
    const member: Member = {
      worker,
      state: 'starting',
      takingOver,
      ready,
      exited,
      markReady: () => {
        if (member.state === 'starting') member.state = 'serving';
        this.earlyDeaths = 0;
        markReady();
      },
      markExited: (why) => {
        markExited(why);
        exitedResolve();
      },
    };
    this.members.set(worker.id, member);
    return member;
  }

  private exited(worker: Worker, why: string): void {
    const member = this.members.get(worker.id);
    if (!member) return;
    this.members.delete(worker.id);
    member.markExited(why);
    if (this.stopping || member.state === 'retiring') return;
    // A process meant to take over that fails: the rolling restart stops, the old ones keep serving.
    if (member.state === 'starting' && member.takingOver) return;
    const delay = member.state === 'starting' ? Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** this.earlyDeaths++) : 0;
    this.log.error(
      `worker ${worker.process.pid} stopped (${why}); starting another${delay > 0 ? ` in ${delay / 1000} s` : ''}`,
    );
    setTimeout(() => {
      if (!this.stopping) this.fork(false);
    }, delay);
  }

  /** Replaces every process one at a time; a second call while one runs waits for it. */
  rollingRestart(): Promise<void> {
    if (this.restart) {
      this.log.info('a rolling restart is already under way');
      return this.restart;
    }
    this.restart = this.replaceAll().finally(() => (this.restart = undefined));
    return this.restart;
  }

  private async replaceAll(): Promise<void> {
    const old = [...this.members.values()].filter((m) => m.state !== 'retiring');
    this.log.info(`rolling restart: replacing ${old.length} ${old.length === 1 ? 'process' : 'processes'}`);
    let replaced = 0;
    for (const previous of old) {
      if (this.stopping) return;
      // One that died meanwhile was replaced already, by a process running the new code.
      if (!this.members.has(previous.worker.id)) continue;
      const next = this.fork(true);
      try {
        await withTimeout(next.ready, READY_TIMEOUT_MS, `process ${next.worker.process.pid} was not ready`);
      } catch (error) {
        this.log.error(`rolling restart stopped: ${(error as Error).message}; the other processes keep serving`);
        if (this.members.has(next.worker.id)) await this.retire(next);
        return;
      }
      await this.retire(previous);
      replaced++;
      this.log.info(
        `rolling restart: process ${next.worker.process.pid} took over from ${previous.worker.process.pid} (${replaced} of ${old.length})`,
      );
    }
    this.log.info('rolling restart done');
  }

  /** Asks a process to drain and exit, and waits until it has (killing it if it takes too long). */
  private async retire(member: Member): Promise<void> {
    const wasReady = member.state !== 'starting';
    member.state = 'retiring';
    const { worker } = member;
    // A process not yet ready has no requests and may not listen for messages yet.
    if (wasReady && worker.isConnected()) worker.send(DRAIN_MESSAGE);
    else worker.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.log.error(`worker ${worker.process.pid} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await member.exited;
    clearTimeout(timer);
  }

  /** Drains every process and resolves once all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.members.values()].map((member) => this.retire(member)));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

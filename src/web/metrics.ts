import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';
import type { Operations } from '../app/operations.ts';
import type { ReplicaStatus } from '../store/database.ts';
import { answerPrimaryForMetrics, metricsOfAllProcesses } from './cluster-metrics.ts';

/** Request latencies, in seconds: from a cached guest page (a millisecond) to a slow download. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The label for requests no route matched (their raw addresses would make a series each). */
export const UNMATCHED_ROUTE = '(unmatched)';

let processRegistry: Registry | undefined;

/**
 * The Node process's own figures (CPU, memory, event loop delay, garbage collection, open
 * handles), collected once per process however many apps it builds (tests build many).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * What /metrics reports, in Prometheus's text format: requests by method, route pattern and
 * status; their latency; due background jobs by kind and how long the oldest has waited; this
 * process's works index (size, changes not yet applied); whether the database answers; and the
 * process's own figures. Only made when METRICS_TOKEN is set, so an archive that is not
 * watched counts nothing.
 */
export class ArchiveMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly guestPages: Counter<'route' | 'answer'>;
  private shared = false;

  constructor(operations: Operations) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'quire_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'quire_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.guestPages = new Counter({
      name: 'quire_guest_pages_total',
      help: 'Guest pages that may be kept (work, chapter, listing and tag pages), by route pattern and answer: kept (served from the copy this process kept) or rendered.',
      labelNames: ['route', 'answer'],
      registers,
    });
    // Read from the database, which every process shares: taken once, not added up.
    new Gauge({
      name: 'quire_database_up',
      help: 'Whether the database answered (1) or not (0) when these metrics were collected.',
      aggregator: 'min',
      registers,
      async collect() {
        // A draining process may have closed its connection already; the others answer for the database.
        if (operations.process.draining) return;
        const health = await operations.health();
        this.set(health.database.reachable ? 1 : 0);
      },
    });
    const backlog = async () => operations.jobBacklog().catch(() => []);
    new Gauge({
      name: 'quire_job_queue_depth',
      help: 'Background jobs that are due and not done, by kind.',
      labelNames: ['kind'],
      aggregator: 'first',
      registers,
      async collect() {
        this.reset();
        for (const { kind, due } of await backlog()) this.set({ kind }, due);
      },
    });
    new Gauge({
      name: 'quire_job_queue_oldest_seconds',
      help: 'How long the longest-waiting due background job of each kind has waited, in seconds.',
      labelNames: ['kind'],
      aggregator: 'first',
      registers,
      async collect() {
        this.reset();
        const now = Date.now();
        for (const { kind, oldestDueAt } of await backlog())
          this.set({ kind }, Math.max(0, (now - Date.parse(oldestDueAt)) / 1000));
      },
    });
    // Each process keeps its own index: the worst one is what matters.
    const index = async () => operations.indexFigures().catch(() => undefined);
    new Gauge({
      name: 'quire_works_index_works',
      help: "Works in the in-memory works index (the smallest of the processes' when several serve).",
      aggregator: 'min',
      registers,
      async collect() {
        const figures = await index();
        if (figures) this.set(figures.works);
      },
    });
    new Gauge({
      name: 'quire_works_index_lag_changes',
      help: 'Work change log entries not yet applied to the in-memory works index (the most of any process); each process applies them before its next search.',
      aggregator: 'max',
      registers,
      async collect() {
        const figures = await index();
        if (figures) this.set(figures.lag);
      },
    });
    this.replicaMetrics(operations);
  }

  /**
   * Each read replica (DATABASE_REPLICA_URLS), labelled host:port: whether it answers, whether reads
   * go to it, how far it lags the primary, and the statements it served or passed to the primary.
   */
  private replicaMetrics(operations: Operations): void {
    const registers = [this.registry];
    let asked: { at: number; status: Promise<ReplicaStatus[]> } | undefined;
    // One look per scrape for all the series below.
    const replicas = () => {
      if (!asked || Date.now() - asked.at > 500)
        asked = { at: Date.now(), status: operations.replicaStatus().catch(() => []) };
      return asked.status;
    };
    const gauge = (
      name: string,
      help: string,
      aggregator: 'min' | 'max',
      value: (replica: ReplicaStatus) => number | null,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['replica'],
        aggregator,
        registers,
        async collect() {
          this.reset();
          for (const replica of await replicas()) {
            const figure = value(replica);
            if (figure !== null) this.set({ replica: replica.name }, figure);
          }
        },
      });
    gauge('quire_replica_up', 'Whether the read replica answers (1) or not (0), in the worst process.', 'min', (r) =>
      r.reachable ? 1 : 0,
    );
    gauge(
      'quire_replica_in_rotation',
      'Whether reads go to the read replica (1), or it is passed over (0: down, too slow, or lagging past DATABASE_REPLICA_MAX_LAG_SECONDS), in the worst process.',
      'min',
      (r) => (r.inRotation ? 1 : 0),
    );
    gauge(
      'quire_replica_lag_bytes',
      'WAL bytes the primary had written (as last noted, every second) that the read replica had not replayed; absent while it does not answer.',
      'max',
      (r) => r.lagBytes,
    );
    gauge(
      'quire_replica_lag_seconds',
      'How long ago the primary had what the read replica has replayed (to about a second); absent while it does not answer.',
      'max',
      (r) => r.lagSeconds,
    );
    new Counter({
      name: 'quire_replica_statements_total',
      help: 'Statements read from the read replica.',
      labelNames: ['replica'],
      registers,
      async collect() {
        this.reset();
        for (const replica of await replicas()) this.inc({ replica: replica.name }, replica.statements);
      },
    });
    new Counter({
      name: 'quire_replica_fallbacks_total',
      help: 'Statements meant for the read replica that the primary answered, by why: down (not reachable), slow (past DATABASE_REPLICA_STATEMENT_TIMEOUT_MS), busy (all its connections in use), error (anything else).',
      labelNames: ['replica', 'reason'],
      registers,
      async collect() {
        this.reset();
        for (const replica of await replicas())
          for (const [reason, count] of Object.entries(replica.fallbacks))
            this.inc({ replica: replica.name, reason }, count);
      },
    });
  }

  /** Counts one answered request. `route` is the route's pattern ("/works/:id"), never the raw address. */
  observe(method: string, route: string | undefined, status: number, seconds: number): void {
    const name = route ?? UNMATCHED_ROUTE;
    this.requests.inc({ method, route: name, status: String(status) });
    this.latency.observe({ method, route: name }, seconds);
  }

  /** Counts a guest page asked for: served from the kept copy, or to be rendered. */
  guestPage(route: string | undefined, kept: boolean): void {
    this.guestPages.inc({ route: route ?? UNMATCHED_ROUTE, answer: kept ? 'kept' : 'rendered' });
  }

  /** In a worker of `bin/quire serve`: answer for every process, through the primary. */
  shareWithPrimary(): void {
    if (this.shared) return;
    this.shared = true;
    answerPrimaryForMetrics(() => this.json());
  }

  /** This process's metrics as prom-client's JSON, for the primary to add up. */
  async json(): Promise<MetricObjectWithValues<MetricValue<string>>[]> {
    const [own, node] = await Promise.all([this.registry.getMetricsAsJSON(), processMetrics().getMetricsAsJSON()]);
    return [...own, ...node];
  }

  /** The text a scrape gets: every process's metrics when shared with the primary, else this process's. */
  async text(): Promise<string> {
    if (this.shared) return metricsOfAllProcesses();
    const [own, node] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${node}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

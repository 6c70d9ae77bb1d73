import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';

/**
 * With several server processes (`bin/quire serve --workers N`), /metrics answers for all of them:
 * the process a scrape reaches asks the primary, which collects every serving process's metrics
 * over the cluster's IPC channel and adds them up with prom-client's AggregatorRegistry (counters
 * and histograms summed; figures read from the database taken once, per metric's `aggregator`).
 */

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** worker → primary: send me everyone's metrics. */
const ASK = 'quire:metrics:ask';
/** primary → worker: your metrics, please. */
const COLLECT = 'quire:metrics:collect';
/** worker → primary: mine. */
const COLLECTED = 'quire:metrics:collected';
/** primary → worker: everyone's, as Prometheus text (or why not). */
const ANSWER = 'quire:metrics:answer';

/** How long the primary waits for a process's metrics before leaving that process out. */
const COLLECT_TIMEOUT_MS = 4_000;
/** How long a process waits for the primary's answer. */
const ANSWER_TIMEOUT_MS = 8_000;

interface Message {
  type?: unknown;
  id?: unknown;
  metrics?: unknown;
  text?: unknown;
  error?: unknown;
}

function asMessage(value: unknown): Message {
  return typeof value === 'object' && value !== null ? (value as Message) : {};
}

/** In a worker: answer the primary's requests for this process's metrics. */
export function answerPrimaryForMetrics(collect: () => Promise<MetricsJson>): void {
  process.on('message', (raw: unknown) => {
    const message = asMessage(raw);
    if (message.type !== COLLECT) return;
    collect().then(
      (metrics) => process.send?.({ type: COLLECTED, id: message.id, metrics }),
      (error: unknown) => process.send?.({ type: COLLECTED, id: message.id, metrics: [], error: String(error) }),
    );
  });
}

const waiting = new Map<string, { resolve: (text: string) => void; reject: (error: Error) => void }>();
let listening = false;

/** In a worker: every serving process's metrics, added up by the primary. */
export function metricsOfAllProcesses(): Promise<string> {
  if (!process.send) return Promise.reject(new Error('not a worker of bin/quire serve'));
  if (!listening) {
    listening = true;
    process.on('message', (raw: unknown) => {
      const message = asMessage(raw);
      if (message.type !== ANSWER || typeof message.id !== 'string') return;
      const request = waiting.get(message.id);
      if (!request) return;
      waiting.delete(message.id);
      if (typeof message.text === 'string') request.resolve(message.text);
      else request.reject(new Error(String(message.error ?? 'no metrics')));
    });
  }
  const id = randomUUID();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error(`the primary process did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`));
    }, ANSWER_TIMEOUT_MS);
    waiting.set(id, {
      resolve: (text) => {
        clearTimeout(timer);
        resolve(text);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    process.send!({ type: ASK, id });
  });
}

/** In the primary: answer workers asking for everyone's metrics, from the workers `serving()` names. */
export function aggregateMetricsForWorkers(serving: () => Worker[]): void {
  const pending = new Map<string, { expected: Set<number>; collected: MetricsJson[]; finish: () => void }>();
  cluster.on('message', (worker, raw: unknown) => {
    const message = asMessage(raw);
    if (message.type === COLLECTED && typeof message.id === 'string') {
      const round = pending.get(message.id);
      if (!round || !round.expected.delete(worker.id)) return;
      if (Array.isArray(message.metrics)) round.collected.push(message.metrics as MetricsJson);
      if (round.expected.size === 0) round.finish();
      return;
    }
    if (message.type !== ASK || typeof message.id !== 'string') return;
    const asker = worker;
    const answerId = message.id;
    const roundId = randomUUID();
    const workers = serving().filter((w) => w.isConnected());
    const round = { expected: new Set(workers.map((w) => w.id)), collected: [] as MetricsJson[], finish: () => {} };
    const timer = setTimeout(() => round.finish(), COLLECT_TIMEOUT_MS);
    // A process that stops while asked is left out rather than holding the answer.
    const gone = (w: Worker) => {
      if (round.expected.delete(w.id) && round.expected.size === 0) round.finish();
    };
    cluster.on('exit', gone);
    round.finish = () => {
      clearTimeout(timer);
      cluster.off('exit', gone);
      if (!pending.delete(roundId)) return;
      aggregated(round.collected).then(
        (text) => send(asker, { type: ANSWER, id: answerId, text }),
        (error: unknown) => send(asker, { type: ANSWER, id: answerId, error: String(error) }),
      );
    };
    pending.set(roundId, round);
    if (round.expected.size === 0) return round.finish();
    for (const w of workers) w.send({ type: COLLECT, id: roundId });
  });
}

/** Counters and histograms summed over the processes; each metric's `aggregator` says otherwise. */
async function aggregated(collected: MetricsJson[]): Promise<string> {
  return AggregatorRegistry.aggregate(collected).metrics();
}

function send(worker: Worker, message: object): void {
  if (worker.isConnected()) worker.send(message);
}

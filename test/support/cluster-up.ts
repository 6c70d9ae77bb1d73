// `bench/cluster.sh up`: starts the set-up test/cluster.test.ts checks and keeps it running for an
// admin to look at, until Ctrl-C (or SIGTERM); then stops every part of it.
import { startCluster, type Cluster } from './cluster.ts';
import { startReplica } from './replica.ts';

const replica = await startReplica();
let cluster: Cluster;
try {
  cluster = await startCluster({ database: { url: replica.primaryUrl, replicaUrls: [replica.url] } });
} catch (error) {
  await replica.stop();
  throw error;
}
const [a, b] = cluster.servers;
console.log(`The cluster is up, everything under /tmp:

  nginx               ${cluster.url}
                      config ${cluster.proxy.config}, access log ${cluster.proxy.accessLog}
  server A            http://127.0.0.1:${a.port} (pid ${a.pid})
  server B            http://127.0.0.1:${b.port} (pid ${b.pid})
  Redis               ${cluster.redis.url} (pid ${cluster.redis.pid})
  PostgreSQL primary  ${replica.primaryUrl}
  streaming replica   ${replica.url} (psql ${replica.url} -c 'select pg_wal_replay_pause()' makes it lag)

Try: kill -9 ${a.pid} while reading ${cluster.url}/works, then curl ${cluster.url}/health
Ctrl-C stops everything.`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('Stopping the cluster…');
  cluster
    .stop()
    .finally(() => replica.stop())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Keeps running until a signal comes.
setInterval(() => {}, 60_000);

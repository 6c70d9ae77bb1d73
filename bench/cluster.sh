#!/usr/bin/env bash
# The multi-machine set-up of issue 17 on this one machine: a PostgreSQL primary and a streaming
# replica (two fresh clusters, test/support/replica.ts), Redis, two `bin/quire serve --workers 1`
# processes reading from the replica, and Debian's nginx in front of them, all on free ports under
# /tmp (see test/support/cluster.ts and docs/deploying.md, "Several machines").
#
#   bash bench/cluster.sh        run the checks (test/cluster.test.ts): a write through one server
#                                is seen through the other, limits are shared (and pass while Redis
#                                is down), a lagging replica never hides a member's own new work,
#                                a killed server loses no page the proxy can send again
#   bash bench/cluster.sh up     start the same set-up and keep it running to look at by hand;
#                                Ctrl-C stops every part of it
#
# Needs Debian's postgresql, redis-server and nginx packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
for tool in /usr/bin/redis-server /usr/sbin/nginx; do
  [ -x "$tool" ] || { echo "cluster.sh: $tool is missing (Debian: apt-get install redis-server nginx)" >&2; exit 1; }
done

case "${1:-test}" in
  test) exec node --import tsx --test --test-reporter=spec test/cluster.test.ts ;;
  up) exec node --import tsx test/support/cluster-up.ts ;;
  *) echo "usage: bench/cluster.sh [test|up]" >&2; exit 2 ;;
esac

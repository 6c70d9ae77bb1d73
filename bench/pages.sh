#!/usr/bin/env bash
# Page throughput of a fresh demo archive, as recorded in bench/RESULTS.md.
#
#   bash bench/pages.sh
#
# Starts `bin/quire serve` (SQLite, demo content) on a temporary data folder, finds a
# multi-chapter work and one of its chapters from the home page, runs wrk against five guest
# pages on 127.0.0.1, prints a table, and stops the server. Needs wrk and curl
# (Debian: apt-get install wrk curl).
#
# Settings (environment): PORT (3390), THREADS (2), CONNECTIONS (32), WARMUP seconds (5),
# DURATION seconds (20), OUT (folder for the raw wrk output; default a temporary folder).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-3390}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP="${WARMUP:-5}"
DURATION="${DURATION:-20}"
BASE="http://127.0.0.1:${PORT}"

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "pages.sh: $tool is not installed (Debian: apt-get install $tool)" >&2; exit 1; }
done
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "pages.sh: something already answers on port $PORT; set PORT to a free port" >&2
  exit 1
fi

DATA="$(mktemp -d /tmp/quire-bench.XXXXXX)"
KEEP_OUT="${OUT:-}"
OUT="${OUT:-$DATA/wrk}"
mkdir -p "$OUT"
SERVER_PID=""
WRK_PID=""

cleanup() {
  if [[ -n "$WRK_PID" ]]; then kill -TERM "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  # Keep the raw wrk output only when OUT points outside the temporary folder.
  case "$OUT" in "$DATA"/*) rm -rf "$DATA" ;; *) rm -rf "$DATA/data" "$DATA/serve.log"; rmdir "$DATA" 2>/dev/null || true ;; esac
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# bin/quire is a node script, so $! is the server process itself. It runs from the
# repository root: tsx takes the JSX settings from ./tsconfig.json.
cd "$ROOT"
# wrk is one address: no ceiling on its pages unless RATE_LIMIT_PAGES asks for one.
RATE_LIMIT_PAGES="${RATE_LIMIT_PAGES:-off}" QUIRE_DATA="$DATA/data" PORT="$PORT" HOST=127.0.0.1 LOG_LEVEL=warn "$ROOT/bin/quire" serve >"$DATA/serve.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
  curl -s -o /dev/null --max-time 2 "$BASE/" && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "pages.sh: the server exited during start-up:" >&2
    cat "$DATA/serve.log" >&2
    exit 1
  fi
  sleep 0.5
done
curl -sf -o /dev/null --max-time 5 "$BASE/" || { echo "pages.sh: the server did not answer within 60 s" >&2; cat "$DATA/serve.log" >&2; exit 1; }

# The first blurb on the home page whose chapter count is 2 or more ("3/?", "2/4", ...).
HOME_HTML="$(curl -sf --max-time 10 "$BASE/")"
WORK_ID="$(printf '%s' "$HOME_HTML" | tr '\n' ' ' | sed 's/<li class="blurb"/\n&/g' \
  | grep -E 'Chapters:</dt> *<dd>([2-9]|[1-9][0-9]+)/' | head -n 1 \
  | grep -oE 'href="/works/[0-9]+"' | head -n 1 | grep -oE '[0-9]+' || true)"
[[ -n "$WORK_ID" ]] || { echo "pages.sh: found no multi-chapter work on the home page" >&2; exit 1; }
# Its first chapter (lowest chapter id linked from the work page).
CHAPTER_ID="$(curl -sf --max-time 10 "$BASE/works/$WORK_ID" | grep -oE "href=\"/works/$WORK_ID/chapters/[0-9]+\"" \
  | grep -oE '[0-9]+"$' | tr -d '"' | sort -n | head -n 1 || true)"
[[ -n "$CHAPTER_ID" ]] || { echo "pages.sh: found no chapter link on /works/$WORK_ID" >&2; exit 1; }

NAMES=("home" "work" "chapter" "tag listing" "user")
PATHS=("/" "/works/$WORK_ID" "/works/$WORK_ID/chapters/$CHAPTER_ID" "/tags/Slow%20Burn/works" "/users/marisol_writes")

for p in "${PATHS[@]}"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE$p")"
  [[ "$code" == 200 ]] || { echo "pages.sh: $p answered $code, not 200" >&2; exit 1; }
done

# Read-only git queries (GIT_OPTIONAL_LOCKS=0: status does not refresh the index).
REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(GIT_OPTIONAL_LOCKS=0 git -C "$ROOT" status --porcelain -- src 2>/dev/null || true)" ]]; then REV="$REV + uncommitted changes in src/"; fi
echo "Quire page throughput at $REV, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "$(nproc) cores, node $(node --version), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "Pages: work $WORK_ID, its chapter $CHAPTER_ID"
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency after a ${WARMUP} s warm-up per URL, guest requests to $BASE"
if [[ -n "${KEEP_OUT:-}" ]]; then echo "Raw wrk output: $OUT"; else echo "(Set OUT=folder to keep the raw wrk output.)"; fi
echo

# Hard limit per wrk run: its duration plus a margin, so a stuck run cannot hang the script.
# wrk runs as a background job that the script waits for, so Ctrl-C or a TERM reaches the
# traps at once instead of after the run.
run_wrk() { # seconds url [extra args...]
  local secs="$1" url="$2" rc=0; shift 2
  timeout --kill-after=5 "$((secs + 15))" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" "$@" "$url" &
  WRK_PID=$!
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  return "$rc"
}

# Converts a wrk latency ("812.33us", "31.86ms", "1.22s") to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.1f", n
  }'
}

printf '| Page | URL | req/s | p50 ms | p90 ms | p99 ms | errors |\n'
printf '|---|---|---:|---:|---:|---:|---|\n'
for i in "${!PATHS[@]}"; do
  url="$BASE${PATHS[$i]}"
  file="$OUT/$(printf '%d-%s' "$i" "${NAMES[$i]// /-}").txt"
  run_wrk "$WARMUP" "$url" >/dev/null
  run_wrk "$DURATION" "$url" --latency >"$file" 2>&1 || { echo "pages.sh: wrk failed on $url:" >&2; cat "$file" >&2; exit 1; }
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$file")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")"
  p90="$(to_ms "$(awk '$1 == "90%" {print $2}' "$file")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")"
  errors="$(grep -E 'Socket errors|Non-2xx' "$file" | sed 's/^ *//' | paste -sd ';' - || true)"
  printf '| %s | `%s` | %s | %s | %s | %s | %s |\n' "${NAMES[$i]}" "${PATHS[$i]}" "$rps" "$p50" "$p90" "$p99" "${errors:-none}"
done

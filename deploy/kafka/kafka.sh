#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft: broker + controller in one JVM),
# run from the broker's own jars fetched from Maven Central. No Docker needed.
#
#   deploy/kafka/kafka.sh fetch|start|run|stop|status|wait-ready|reset
#
# See deploy/kafka/README.md for the commands, the environment variables and
# where the logs and the data live.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

KAFKA_HOME="${KAFKA_HOME:-$REPO_ROOT/.local/kafka}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-6}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
KAFKA_OPTS="${KAFKA_OPTS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_CONSOLE_LOG_LEVEL="${KAFKA_CONSOLE_LOG_LEVEL:-WARN}"
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="${JAVA:-$JAVA_HOME/bin/java}"
else
  JAVA="${JAVA:-java}"
fi
MVN="${MVN:-mvn}"

HOST=127.0.0.1 # never `localhost`: Node may resolve it to ::1 first

log() { printf '[kafka] %s\n' "$*"; }
err() { printf '[kafka] ERROR: %s\n' "$*" >&2; }
die() {
  err "$*"
  exit 1
}

mkdir -p "$KAFKA_HOME"
KAFKA_HOME="$(cd "$KAFKA_HOME" && pwd)"
LIBS_DIR="$KAFKA_HOME/libs"
CONFIG_DIR="$KAFKA_HOME/config"
DATA_DIR="$KAFKA_HOME/data"
LOGS_DIR="$KAFKA_HOME/logs"
SERVER_PROPERTIES="$CONFIG_DIR/server.properties"
PID_FILE="$KAFKA_HOME/kafka.pid"
CLUSTER_ID_FILE="$KAFKA_HOME/cluster.id"
LOCK_FILE="$KAFKA_HOME/.lock"
LIBS_MARKER="$LIBS_DIR/.fetched"

POM="$SCRIPT_DIR/pom.xml"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n 1)"
[[ -n "$KAFKA_VERSION" ]] || die "cannot read <kafka.version> from $POM"

now_ms() { date +%s%3N; }

# One kafka.sh at a time per KAFKA_HOME (parallel test processes may all call
# `start`). fd 9 is closed for the broker so it does not keep the lock.
take_lock() {
  exec 9>"$LOCK_FILE"
  if command -v flock >/dev/null 2>&1; then
    flock -w 120 9 || die "another kafka.sh holds $LOCK_FILE for more than 120 s"
  fi
}

############################# checks #############################

port_open() {
  # shellcheck disable=SC2016 # $0/$1 are expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$HOST" "$1" 2>/dev/null
}

# Readiness at the protocol level, with nothing but bash: send a Kafka
# MetadataRequest (api key 3, version 1, no topics) and read the number of
# brokers in the answer. A KRaft broker lists only live, unfenced brokers, so
# `1` means: the controller is up, this broker registered with it, caught up
# with the metadata log and was unfenced, i.e. it serves clients.
metadata_probe() {
  local out
  # shellcheck disable=SC2016 # $0/$1 are expanded by the inner bash
  out="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    # size=22 | api_key=3 | api_version=1 | correlation_id=1 | client_id="kafka-sh" | topics=[] (none)
    printf "\x00\x00\x00\x16\x00\x03\x00\x01\x00\x00\x00\x01\x00\x08kafka-sh\x00\x00\x00\x00" >&3
    head -c 12 <&3 | od -An -v -tu1
  ' "$HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  local -a b
  read -r -a b <<<"$out" || true
  ((${#b[@]} == 12)) || return 1
  # bytes 0-3: response size, 4-7: correlation id, 8-11: number of brokers
  ((b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 1)) || return 1
  (((b[8] << 24 | b[9] << 16 | b[10] << 8 | b[11]) >= 1))
}

is_ready() { port_open "$KAFKA_PORT" && metadata_probe; }

# Prints the pid of this KAFKA_HOME's broker if it runs (pid file, live
# process, and its command line really is kafka.Kafka with our config).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *kafka.Kafka*"$SERVER_PROPERTIES"* ]] || return 1
  echo "$pid"
}

ensure_ports_free() {
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "$HOST:$p is already in use by another process (not the broker of $KAFKA_HOME). Stop it, or choose other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT."
    fi
  done
}

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# Marks where kafka.out and server.log end before a start, so that a failed
# start shows only what this start wrote.
mark_logs() {
  LOG_MARK_OUT="$(file_size "$LOGS_DIR/kafka.out")"
  LOG_MARK_SERVER="$(file_size "$LOGS_DIR/server.log")"
}

show_log_tail() {
  local f mark
  for f in kafka.out server.log; do
    if [[ $f == kafka.out ]]; then mark="${LOG_MARK_OUT:-0}"; else mark="${LOG_MARK_SERVER:-0}"; fi
    f="$LOGS_DIR/$f"
    [[ -s "$f" ]] || continue
    (($(file_size "$f") >= mark)) || mark=0 # rolled over meanwhile
    if (($(file_size "$f") > mark)); then
      err "last lines of $f from this start:"
      tail -c "+$((mark + 1))" "$f" | tail -n 15 | sed 's/^/    /' >&2
    fi
  done
}

############################# fetch #############################

libs_marker_content() {
  printf 'kafka=%s pom=%s\n' "$KAFKA_VERSION" "$(sha256sum "$POM" | cut -d' ' -f1)"
}

libs_fetched() {
  [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$(libs_marker_content)" ]]
}

fetch() {
  local pid
  if libs_fetched; then
    log "Kafka $KAFKA_VERSION jars already in $LIBS_DIR"
    return 0
  fi
  if pid="$(running_pid)"; then
    die "the broker (pid $pid) runs on the jars in $LIBS_DIR, which do not match $POM: stop it first ($0 stop)"
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "Maven ('$MVN') is not on the PATH: it fetches the broker's jars"
  command -v "$JAVA" >/dev/null 2>&1 || die "Java ('$JAVA') is not found: the broker needs Java 17"

  local tmp="$KAFKA_HOME/libs.tmp.$$"
  local mvn_log="$KAFKA_HOME/fetch.log"
  rm -rf "$tmp"
  log "fetching the jars of Kafka $KAFKA_VERSION (org.apache.kafka:kafka_2.13 and its runtime dependencies, ~46 MB) with Maven into $LIBS_DIR"
  log "  the first time this downloads from Maven Central into ~/.m2; later fetches copy from there"
  local t0
  t0="$(now_ms)"
  "$MVN" -q -B -f "$POM" dependency:copy-dependencies "-Dkafka.libs.dir=$tmp" >"$mvn_log" 2>&1 9>&- &
  local mvn_pid=$!
  # Whatever ends this script (Ctrl-C, an error) also ends Maven.
  # shellcheck disable=SC2064 # expand now: mvn_pid and tmp are locals
  trap "kill $mvn_pid 2>/dev/null || true; rm -rf '$tmp'" EXIT
  trap 'exit 130' INT TERM
  local waited=0
  while kill -0 "$mvn_pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    if ((waited % 10 == 0)); then
      local n
      n=0
      if [[ -d "$tmp" ]]; then n="$(find "$tmp" -name '*.jar' | wc -l)" || n=0; fi
      log "  still fetching: ${waited}s (Maven resolves everything, then copies: $n jars copied so far)"
    fi
  done
  local rc=0
  wait "$mvn_pid" || rc=$?
  trap - EXIT INT TERM
  if ((rc != 0)); then
    rm -rf "$tmp"
    err "Maven failed (exit $rc); its output ($mvn_log):"
    tail -n 40 "$mvn_log" | sed 's/^/    /' >&2
    exit 1
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "Maven finished but $tmp/kafka_2.13-$KAFKA_VERSION.jar is missing (see $mvn_log)"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  libs_marker_content >"$LIBS_MARKER"
  local n size
  n="$(find "$LIBS_DIR" -name '*.jar' | wc -l)"
  size="$(du -sh "$LIBS_DIR" | cut -f1)"
  log "  done in $(( ($(now_ms) - t0) / 1000 ))s: $n jars, $size in $LIBS_DIR"
}

############################# prepare #############################

java_log_opts() { # $1: console level of the broker's own log4j config
  printf '%s\n' "-Dlog4j.configuration=file:$CONFIG_DIR/log4j.properties" "-Dkafka.logs.dir=$LOGS_DIR" "-Dkafka.console.level=$1"
}

# The one-shot tools (StorageTool) log warnings to stderr, not into server.log.
tools_java() {
  "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 "-Dlog4j.configuration=file:$CONFIG_DIR/tools-log4j.properties" \
    -cp "$LIBS_DIR/*" "$@" 9>&-
}

write_config() {
  mkdir -p "$CONFIG_DIR" "$DATA_DIR" "$LOGS_DIR"
  local tpl
  tpl="$(<"$SCRIPT_DIR/server.properties")"
  tpl="${tpl//@KAFKA_PORT@/$KAFKA_PORT}"
  tpl="${tpl//@KAFKA_CONTROLLER_PORT@/$KAFKA_CONTROLLER_PORT}"
  tpl="${tpl//@KAFKA_DATA_DIR@/$DATA_DIR}"
  tpl="${tpl//@KAFKA_NUM_PARTITIONS@/$KAFKA_NUM_PARTITIONS}"
  [[ "$tpl" != *@KAFKA_* ]] || die "unreplaced @KAFKA_...@ token left in $SCRIPT_DIR/server.properties"
  printf '# Generated by deploy/kafka/kafka.sh from deploy/kafka/server.properties: do not edit.\n%s\n' "$tpl" >"$SERVER_PROPERTIES.tmp"
  mv "$SERVER_PROPERTIES.tmp" "$SERVER_PROPERTIES"
  cp "$SCRIPT_DIR/log4j.properties" "$CONFIG_DIR/log4j.properties"
  cat >"$CONFIG_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

ensure_formatted() {
  local meta="$DATA_DIR/meta.properties"
  if [[ -f "$meta" ]]; then
    # Keep cluster.id in step with what the data was formatted with.
    local formatted_id
    formatted_id="$(sed -n 's/^cluster\.id=//p' "$meta")"
    if [[ -n "$formatted_id" && "$(cat "$CLUSTER_ID_FILE" 2>/dev/null)" != "$formatted_id" ]]; then
      echo "$formatted_id" >"$CLUSTER_ID_FILE"
    fi
    return 0
  fi
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    local id
    id="$(tools_java kafka.tools.StorageTool random-uuid | tr -d '[:space:]')"
    [[ "$id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka.tools.StorageTool random-uuid gave '$id', not a cluster id"
    echo "$id" >"$CLUSTER_ID_FILE"
    log "new cluster id $id (kept in $CLUSTER_ID_FILE)"
  fi
  local cluster_id
  cluster_id="$(tr -d '[:space:]' <"$CLUSTER_ID_FILE")"
  log "formatting the storage in $DATA_DIR (cluster id $cluster_id)"
  tools_java kafka.tools.StorageTool format -t "$cluster_id" -c "$SERVER_PROPERTIES" | sed 's/^/[kafka]   /'
  [[ -f "$meta" ]] || die "kafka.tools.StorageTool format did not write $meta"
}

prepare() {
  command -v "$JAVA" >/dev/null 2>&1 || die "Java ('$JAVA') is not found: the broker needs Java 17 (set JAVA or JAVA_HOME)"
  fetch
  write_config
  ensure_formatted
}

broker_cmd() { # $1: console log level
  local -a heap perf extra
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  read -r -a perf <<<"$KAFKA_JVM_PERFORMANCE_OPTS"
  read -r -a extra <<<"$KAFKA_OPTS"
  local -a logopts
  mapfile -t logopts < <(java_log_opts "$1")
  BROKER_CMD=("$JAVA" "${heap[@]}" "${perf[@]}" "${logopts[@]}" "${extra[@]}" -cp "$LIBS_DIR/*" kafka.Kafka "$SERVER_PROPERTIES")
}

############################# commands #############################

wait_ready() { # $1: pid, $2: start time in ms
  local pid="$1" t0="$2"
  local deadline=$(($(date +%s) + KAFKA_START_TIMEOUT))
  while (($(date +%s) < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      err "the broker (pid $pid) exited while starting"
      rm -f "$PID_FILE"
      show_log_tail
      return 1
    fi
    if is_ready; then
      local ms=$(($(now_ms) - t0))
      log "ready on $HOST:$KAFKA_PORT (pid $pid) after $((ms / 1000)).$(printf '%03d' $((ms % 1000)) | cut -c1)s"
      return 0
    fi
    sleep 0.5
  done
  return 2
}

cmd_start() {
  take_lock
  local pid t0
  t0="$(now_ms)"
  if pid="$(running_pid)"; then
    if is_ready; then
      log "already running (pid $pid) on $HOST:$KAFKA_PORT"
      return 0
    fi
    log "already running (pid $pid) but not ready yet: waiting up to ${KAFKA_START_TIMEOUT}s"
    wait_ready "$pid" "$t0" && return 0
    die "the broker (pid $pid) is not ready after ${KAFKA_START_TIMEOUT}s; see $LOGS_DIR/server.log, or run $0 stop"
  fi
  rm -f "$PID_FILE"
  ensure_ports_free
  prepare
  broker_cmd OFF
  log "starting Kafka $KAFKA_VERSION (KRaft, node 1) on $HOST:$KAFKA_PORT, controller $HOST:$KAFKA_CONTROLLER_PORT"
  mark_logs
  {
    echo
    echo "===== $(date -Is) kafka.sh start: ${BROKER_CMD[*]}"
  } >>"$LOGS_DIR/kafka.out"
  # setsid: the broker leaves the caller's session, so a Ctrl-C or the end of
  # the calling terminal/test run does not take it down with it.
  if command -v setsid >/dev/null 2>&1; then
    setsid "${BROKER_CMD[@]}" >>"$LOGS_DIR/kafka.out" 2>&1 </dev/null 9>&- &
  else
    nohup "${BROKER_CMD[@]}" >>"$LOGS_DIR/kafka.out" 2>&1 </dev/null 9>&- &
  fi
  pid=$!
  echo "$pid" >"$PID_FILE"
  local rc=0
  wait_ready "$pid" "$t0" || rc=$?
  if ((rc == 0)); then
    log "logs: $LOGS_DIR/server.log, data: $DATA_DIR"
    return 0
  fi
  if ((rc == 2)); then
    err "the broker is not ready after ${KAFKA_START_TIMEOUT}s (KAFKA_START_TIMEOUT): stopping it"
    show_log_tail
    stop_pid "$pid"
  fi
  exit 1
}

cmd_run() {
  take_lock
  local pid
  if pid="$(running_pid)"; then
    die "already running in the background (pid $pid) on $HOST:$KAFKA_PORT: use it, or '$0 stop' first"
  fi
  rm -f "$PID_FILE"
  ensure_ports_free
  prepare
  broker_cmd "$KAFKA_CONSOLE_LOG_LEVEL"
  log "running Kafka $KAFKA_VERSION (KRaft, node 1) in the foreground on $HOST:$KAFKA_PORT, controller $HOST:$KAFKA_CONTROLLER_PORT (pid $$)"
  log "logs: $LOGS_DIR/server.log (here: $KAFKA_CONSOLE_LOG_LEVEL and above), data: $DATA_DIR"
  echo "$$" >"$PID_FILE"
  exec 9>&-
  exec "${BROKER_CMD[@]}"
}

stop_pid() {
  local pid="$1"
  local t0
  t0="$(now_ms)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(($(date +%s) + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && (($(date +%s) < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    err "the broker (pid $pid) did not stop within ${KAFKA_STOP_TIMEOUT}s of SIGTERM: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  else
    local ms=$(($(now_ms) - t0))
    log "stopped (pid $pid) in $((ms / 1000)).$(printf '%03d' $((ms % 1000)) | cut -c1)s"
  fi
  rm -f "$PID_FILE"
}

cmd_stop() {
  take_lock
  local pid
  if pid="$(running_pid)"; then
    stop_pid "$pid"
  else
    rm -f "$PID_FILE"
    log "not running"
  fi
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if is_ready; then
      log "running (pid $pid) on $HOST:$KAFKA_PORT, ready"
    else
      log "running (pid $pid) on $HOST:$KAFKA_PORT, not ready (yet)"
    fi
    return 0
  fi
  if is_ready; then
    # Another checkout's broker (or one started by hand) serves the same port: npm start uses it.
    log "not started from $KAFKA_HOME, but a broker answers on $HOST:$KAFKA_PORT (npm start and the tests use it)"
    return 0
  fi
  log "not running"
  return 1
}

cmd_wait_ready() {
  local pid t0
  t0="$(now_ms)"
  local deadline=$(($(date +%s) + KAFKA_START_TIMEOUT))
  while (($(date +%s) < deadline)); do
    if pid="$(running_pid)"; then
      local rc=0
      wait_ready "$pid" "$t0" || rc=$?
      if ((rc == 0)); then return 0; fi
      if ((rc == 1)); then exit 1; fi
      break
    fi
    sleep 0.5
  done
  die "the broker of $KAFKA_HOME is not ready after ${KAFKA_START_TIMEOUT}s"
}

cmd_reset() {
  cmd_stop
  rm -rf "$DATA_DIR"
  log "deleted $DATA_DIR (the next start formats it anew; jars, cluster id and logs kept)"
}

usage() {
  cat <<EOF
usage: $0 COMMAND

  fetch       copy the broker's jars (Kafka $KAFKA_VERSION) with Maven into \$KAFKA_HOME/libs
  start       fetch if needed, format the storage if needed, start the broker in
              the background and wait until it serves clients (exit 0 if it already runs)
  run         the same, but run the broker in the foreground (Ctrl-C stops it)
  stop        SIGTERM, wait up to \$KAFKA_STOP_TIMEOUT s, then SIGKILL; exit 0 if not running
  status      exit 0 if running, 1 if not
  wait-ready  wait up to \$KAFKA_START_TIMEOUT s until a broker (e.g. one from 'run') serves clients
  reset       stop and delete the data (topics, offsets)

KAFKA_HOME=$KAFKA_HOME
EOF
}

case "${1:-}" in
fetch) take_lock && fetch ;;
start) cmd_start ;;
run) cmd_run ;;
stop) cmd_stop ;;
status) cmd_status ;;
wait-ready) cmd_wait_ready ;;
reset) cmd_reset ;;
-h | --help | help) usage ;;
*)
  usage >&2
  exit 2
  ;;
esac

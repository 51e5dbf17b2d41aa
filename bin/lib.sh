# Shared by Boxoffice's scripts (bin/, bench/, e2e/run, .ci/run); source it from the project's root:
#   . bin/lib.sh
# It defines functions (and where it lives); nothing else runs when it is sourced.

BOXOFFICE_BIN=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Points JAVA_HOME at a JDK 25 or later unless it already does (the machine's default java is 17).
use_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
    return 0
  fi
  local candidate
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/javac" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "no JDK 25 under /usr/lib/jvm: set JAVA_HOME" >&2
  return 1
}

# Installs the Debian packages behind commands that are missing: require_packages command:package ...
require_packages() {
  "$BOXOFFICE_BIN/require-packages" "$@"
}

# The newest PostgreSQL server binaries' directory (installing postgresql-15 when there is none).
postgres_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] || [ ! -x "$found/pg_ctl" ]; then
    echo "installing PostgreSQL (Debian package postgresql-15)" >&2
    require_packages /usr/lib/postgresql/15/bin/pg_ctl:postgresql-15
    found=/usr/lib/postgresql/15/bin
  fi
  echo "$found"
}

# Runs a command as the owner of the system PostgreSQL clusters: the "postgres" user when run as
# root (PostgreSQL refuses to run as root), else the caller.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Loads the state of a bin/pg-cluster cluster (PG_BIN, port, replicas, ...) into the caller, with
# CLUSTER_DIR its absolute directory; with "backups", BACKUP_CONF too, failing when the cluster
# has no backups configured:  load_cluster <command name> <dir> [backups]
load_cluster() {
  CLUSTER_DIR=$(cd "$2" 2> /dev/null && pwd) && [ -f "$CLUSTER_DIR/cluster.env" ] \
    || { echo "$1: no cluster in $2 (bin/pg-cluster up)" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$CLUSTER_DIR/cluster.env"
  if [ "${3:-}" = backups ]; then
    BACKUP_CONF="$CLUSTER_DIR/backup/pgbackrest.conf"
    [ -f "$BACKUP_CONF" ] || { echo "$1: backups are not configured in $CLUSTER_DIR (bin/pg-cluster up --backups)" >&2; exit 1; }
  fi
}

# psql as the clusters' owner on a loopback port of a loaded cluster, database and user boxoffice,
# stopping at the first error:  cluster_psql <port> [psql arguments]
cluster_psql() {
  local port=$1
  shift
  as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U boxoffice -d boxoffice "$@"
}

# Waits until a node's /readyz answers 2xx, polling every 0.1 s for at most <seconds>; gives up at
# once (status 1) when the command after them, which asks whether the node is still there, fails:
#   wait_for_ready <url> <seconds> <alive command...>
wait_for_ready() {
  local url=$1 tries=$(($2 * 10))
  shift 2
  for _ in $(seq 1 "$tries"); do
    curl -sf -o /dev/null "$url" && return 0
    "$@" || return 1
    sleep 0.1
  done
  return 1
}

# Whether the process <pid> still runs (for wait_for_ready).
process_alive() {
  kill -0 "$1" 2> /dev/null
}

# Seconds since a start taken with date +%s.%N, with one decimal.
seconds_since() {
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

# A benchmark's result file for this run: bench/results/<name>-<UTC time>.<extension>.
result_file() {
  echo "bench/results/$1-$(date -u +%Y%m%dT%H%M%SZ).${2:-md}"
}

# Removes "Sealed: true" from the manifests of the jars in DIR/lib (an extracted Boxoffice jar).
# A JDK 25 AOT cache holding classes of a sealed package (xz's org.tukaani.xz, which the embedded
# PostgreSQL loads) stops the JVM at start ("sealing violation: can't seal package ... already
# defined") as it loads them ahead of time. Sealing only forbids other jars from adding classes to
# the package; no jar here does.  unseal_jars DIR
unseal_jars() {
  local jar manifest
  require_packages zip:zip unzip:unzip
  manifest=$(mktemp -d)
  mkdir -p "$manifest/META-INF"
  for jar in "$(cd "$1" && pwd)"/lib/*.jar; do
    unzip -p "$jar" META-INF/MANIFEST.MF 2> /dev/null | grep -qi '^Sealed: *true' || continue
    unzip -p "$jar" META-INF/MANIFEST.MF | grep -vi '^Sealed: *true' > "$manifest/META-INF/MANIFEST.MF"
    (cd "$manifest" && zip -q "$jar" META-INF/MANIFEST.MF)
  done
  rm -rf "$manifest"
}

# A command on an HAProxy runtime API socket on loopback (stats socket "ipv4@127.0.0.1:PORT");
# prints HAProxy's reply, fails when nothing listens:  haproxy_command PORT COMMAND
haproxy_command() {
  local reply
  { exec 3<> "/dev/tcp/127.0.0.1/$1"; } 2> /dev/null || return 1
  printf '%s\n' "$2" >&3
  reply=$(cat <&3)
  exec 3<&-
  printf '%s\n' "$reply"
}

#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, reachable only on 127.0.0.1.
#
#   postgres.sh start   create a fresh cluster in a temp directory, start it on a free port,
#                       create the database coordinator_test (installs PostgreSQL if missing)
#   postgres.sh env     print COORD_TEST_POSTGRES=<Npgsql connection string> for the running cluster
#   postgres.sh stop    stop the cluster and delete its directory (does nothing if none runs)
#
# The cluster is described by artifacts/postgres.state so that `stop` and `env` find it from another
# process; its server log is kept as artifacts/postgres.log after `stop`.
set -euo pipefail

readonly repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly state_file="$repo_root/artifacts/postgres.state"
readonly kept_log="$repo_root/artifacts/postgres.log"
readonly db_user=coordinator
readonly db_name=coordinator_test
readonly start_attempts=5
readonly ready_timeout_seconds=60
readonly pg_tools=(initdb pg_ctl postgres pg_isready createdb)

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# Prints the first directory that holds every tool we need: the one initdb on PATH lives in, then
# Debian's versioned directories, newest first.
find_pg_bin() {
  local candidates=() dir tool
  if command -v initdb >/dev/null 2>&1; then
    candidates+=("$(dirname "$(readlink -f "$(command -v initdb)")")")
  fi
  while IFS= read -r dir; do candidates+=("$dir"); done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV)
  for dir in "${candidates[@]}"; do
    for tool in "${pg_tools[@]}"; do [[ -x "$dir/$tool" ]] || continue 2; done
    echo "$dir"
    return 0
  done
  return 1
}

install_postgres() {
  [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
  say "PostgreSQL not found; installing it with apt-get"
  apt-get update </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql </dev/null
}

# PostgreSQL refuses to run as root, so as root its server-side tools run as the postgres system user.
server_user() { if [[ $EUID -eq 0 ]]; then echo postgres; else id -un; fi; }

as_server_user() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_server_user() {
  [[ $EUID -eq 0 ]] || return 0
  id -u postgres >/dev/null 2>&1 && return 0
  say "creating the postgres system user"
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
}

# A port nobody on 127.0.0.1 answers on right now, outside the usual ephemeral range; the server
# may still lose a race for it, which start_server handles by trying another.
probe_free_port() {
  local port i
  for ((i = 0; i < 50; i++)); do
    port=$((15000 + RANDOM % 17000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "found no free port on 127.0.0.1 after 50 probes"
}

state_value() {
  local key=$1 line
  while IFS= read -r line; do
    [[ $line == "$key="* ]] && { echo "${line#*=}"; return 0; }
  done <"$state_file"
  return 1
}

write_state() {
  mkdir -p "$(dirname "$state_file")"
  (
    umask 077
    printf '%s\n' "dir=$1" "port=$2" "pid=$3" "password=$4" "pg_bin=$5" >"$state_file"
  )
}

# Starts the server in the background and polls until it accepts connections. Returns 2 if it lost
# the port to another process (worth another try), 1 for any other failure.
start_server() {
  local pg_bin=$1 data=$2 log=$3 port=$4 launcher deadline
  : >"$log"
  as_server_user "$pg_bin/postgres" -D "$data" -p "$port" </dev/null >>"$log" 2>&1 &
  launcher=$!
  deadline=$((SECONDS + ready_timeout_seconds))
  until "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -t 1; do
    if ! kill -0 "$launcher" 2>/dev/null; then
      grep -q 'Address already in use' "$log" && return 2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      say "server did not accept connections within ${ready_timeout_seconds}s"
      return 1
    fi
    sleep 0.1
  done
}

# Deletes a cluster that never made it into the state file, stopping its server if one runs.
abandon_cluster() {
  local pg_bin=$1 dir=$2
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_server_user "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

cmd_start() {
  if [[ -f $state_file ]]; then
    say "stopping the cluster a previous run left behind"
    cmd_stop
  fi

  local pg_bin
  pg_bin=$(find_pg_bin) || { install_postgres; pg_bin=$(find_pg_bin) || die "PostgreSQL tools not found after installing"; }
  ensure_server_user

  local dir data log password port attempt rc
  dir=$(mktemp -d "${TMPDIR:-/tmp}/coordinator-pg.XXXXXX")
  chown "$(server_user):" "$dir"
  chmod 700 "$dir"
  data="$dir/data"
  log="$dir/postgres.log"
  password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')

  # The password reaches initdb through a file readable only by the server user, never argv.
  (umask 077 && printf '%s\n' "$password" >"$dir/pwfile")
  chown "$(server_user):" "$dir/pwfile"
  if ! as_server_user "$pg_bin/initdb" -D "$data" -U "$db_user" --pwfile="$dir/pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C --no-sync --no-instructions >"$log" 2>&1; then
    cat "$log" >&2
    rm -rf "$dir"
    die "initdb failed"
  fi
  rm -f "$dir/pwfile"

  # TCP on loopback only, no Unix socket (its default directory may not exist); durability is
  # pointless for a cluster that is deleted after the run, so trade it for speed.
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  for ((attempt = 1; attempt <= start_attempts; attempt++)); do
    port=$(probe_free_port)
    rc=0
    start_server "$pg_bin" "$data" "$log" "$port" || rc=$?
    ((rc == 0)) && break
    if ((rc == 2)); then
      say "port $port was taken before the server bound it; trying another"
      continue
    fi
    tail -n 20 "$log" >&2
    abandon_cluster "$pg_bin" "$dir"
    die "PostgreSQL did not start"
  done
  ((rc == 0)) || { rm -rf "$dir"; die "no free port after $start_attempts attempts"; }

  write_state "$dir" "$port" "$(head -n 1 "$data/postmaster.pid")" "$password" "$pg_bin"
  if ! PGPASSWORD=$password "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U "$db_user" "$db_name"; then
    cmd_stop
    die "could not create database $db_name"
  fi
  say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port, database $db_name"
}

cmd_env() {
  [[ -f $state_file ]] || die "no cluster is running (run: $0 start)"
  echo "COORD_TEST_POSTGRES=Host=127.0.0.1;Port=$(state_value port);Username=$db_user;Password=$(state_value password);Database=$db_name"
}

cmd_stop() {
  [[ -f $state_file ]] || { say "no cluster to stop"; return 0; }
  local dir pid pg_bin
  dir=$(state_value dir)
  pid=$(state_value pid)
  pg_bin=$(state_value pg_bin)

  if kill -0 "$pid" 2>/dev/null; then
    as_server_user "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_server_user "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
      kill -KILL "$pid" 2>/dev/null || true
  fi
  if kill -0 "$pid" 2>/dev/null; then
    die "PostgreSQL (pid $pid) is still running; its files stay in $dir"
  fi

  [[ -f $dir/postgres.log ]] && cp "$dir/postgres.log" "$kept_log"
  rm -rf "$dir"
  rm -f "$state_file"
  say "stopped PostgreSQL (pid $pid) and removed $dir"
}

case "${1:-}" in
  start) cmd_start ;;
  env) cmd_env ;;
  stop) cmd_stop ;;
  *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac

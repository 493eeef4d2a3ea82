#!/usr/bin/env bash
# NornicDB, a Bolt server that stands in for Neo4j in CI (see
# ../shared/BOLT-SERVER.md §2). Use as a command or source it for the
# functions:
#
#   .ci/nornicdb.sh build               # build or reuse the binary; prints its path
#   .ci/nornicdb.sh start [ENVFILE]     # start on loopback; writes ENVFILE to source
#   .ci/nornicdb.sh stop  [ENVFILE]     # stop by PID, remove the data dir
#
# ENVFILE (default $NORNICDB_ENV or $SUNDHEDSGRAF_CACHE/nornicdb.env) exports
# NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, NORNICDB_PID and
# NORNICDB_DIR. The binary is built in a scratch module under the cache
# directory, never in the project's go.mod, and cached by version.
set -euo pipefail

NORNICDB_VERSION=v1.2.3
SUNDHEDSGRAF_CACHE=${SUNDHEDSGRAF_CACHE:-$HOME/.cache/sundhedsgraf}
NORNICDB_BIN=$SUNDHEDSGRAF_CACHE/nornicdb-$NORNICDB_VERSION
NORNICDB_ENV=${NORNICDB_ENV:-$SUNDHEDSGRAF_CACHE/nornicdb.env}

nornicdb_log() { echo "nornicdb: $*" >&2; }

# nornicdb_build builds the binary unless it is cached, and prints its path.
nornicdb_build() {
	if [[ -x $NORNICDB_BIN ]]; then
		nornicdb_log "reusing $NORNICDB_BIN"
		echo "$NORNICDB_BIN"
		return
	fi
	local src=$SUNDHEDSGRAF_CACHE/nornicdb-src
	mkdir -p "$src"
	nornicdb_log "building $NORNICDB_VERSION in $src (a cold build takes minutes)"
	(
		cd "$src"
		export GOWORK=off GOFLAGS=-mod=mod
		[[ -f go.mod ]] || go mod init nornicdbtool >/dev/null 2>&1
		go get "github.com/orneryd/nornicdb/cmd/nornicdb@$NORNICDB_VERSION"
		CGO_ENABLED=0 go build -tags noui -trimpath -o "$NORNICDB_BIN.tmp" github.com/orneryd/nornicdb/cmd/nornicdb
		mv "$NORNICDB_BIN.tmp" "$NORNICDB_BIN"
	) >&2
	echo "$NORNICDB_BIN"
}

# nornicdb_port_free reports whether nothing listens on 127.0.0.1:$1.
nornicdb_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# nornicdb_free_port prints a loopback port nothing listens on, other than
# the ports given as arguments.
nornicdb_free_port() {
	local p tries=0
	while ((tries++ < 200)); do
		p=$((20000 + RANDOM % 40000))
		[[ " $* " == *" $p "* ]] && continue
		if nornicdb_port_free "$p"; then
			echo "$p"
			return
		fi
	done
	nornicdb_log "no free port found"
	return 1
}

# nornicdb_start starts the server on loopback with a temporary data dir and
# writes the environment file ($1, default $NORNICDB_ENV).
nornicdb_start() {
	local envfile=${1:-$NORNICDB_ENV} bin dir bolt http tele pid i
	bin=$(nornicdb_build)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/nornicdb.XXXXXX")
	bolt=$(nornicdb_free_port)
	http=$(nornicdb_free_port "$bolt")
	tele=$(nornicdb_free_port "$bolt" "$http")
	NORNICDB_TELEMETRY_LISTEN=127.0.0.1:$tele NORNICDB_DEFAULT_DATABASE=neo4j \
		setsid "$bin" serve --address 127.0.0.1 --bolt-port "$bolt" --http-port "$http" \
		--data-dir "$dir/data" --headless --mcp-enabled=false \
		</dev/null >"$dir/nornicdb.log" 2>&1 &
	pid=$!
	for ((i = 0; i < 300; i++)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			nornicdb_log "server exited during start-up; its log:"
			tail -n 40 "$dir/nornicdb.log" >&2 || true
			rm -rf "$dir"
			return 1
		fi
		if ! nornicdb_port_free "$bolt"; then
			break
		fi
		sleep 0.1
	done
	if nornicdb_port_free "$bolt"; then
		nornicdb_log "Bolt port $bolt not up after 30 s; its log:"
		tail -n 40 "$dir/nornicdb.log" >&2 || true
		kill "$pid" 2>/dev/null || true
		rm -rf "$dir"
		return 1
	fi
	mkdir -p "$(dirname "$envfile")"
	cat >"$envfile" <<EOF
export NORNICDB_PID=$pid
export NORNICDB_DIR=$dir
export NEO4J_URI=bolt://127.0.0.1:$bolt
export NEO4J_USER=admin
export NEO4J_PASSWORD=password
export NEO4J_DATABASE=neo4j
EOF
	nornicdb_log "up: pid $pid, bolt://127.0.0.1:$bolt, data $dir; source $envfile"
}

# nornicdb_stop stops the server named in the environment file by its PID,
# waits for it to exit and removes its data dir.
nornicdb_stop() {
	local envfile=${1:-$NORNICDB_ENV} pid dir i
	if [[ ! -f $envfile ]]; then
		nornicdb_log "no $envfile: nothing to stop"
		return 0
	fi
	pid=$(sed -n 's/^export NORNICDB_PID=//p' "$envfile")
	dir=$(sed -n 's/^export NORNICDB_DIR=//p' "$envfile")
	if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		for ((i = 0; i < 100; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			nornicdb_log "pid $pid still running after 10 s; killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	if [[ -n $dir && -d $dir && $dir == */nornicdb.* ]]; then
		rm -rf "$dir"
	fi
	rm -f "$envfile"
	nornicdb_log "stopped pid $pid"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	case ${1:-} in
	build) nornicdb_build ;;
	start) nornicdb_start "${2:-}" ;;
	stop) nornicdb_stop "${2:-}" ;;
	*)
		echo "usage: $0 build | start [ENVFILE] | stop [ENVFILE]" >&2
		exit 2
		;;
	esac
fi

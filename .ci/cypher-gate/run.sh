#!/usr/bin/env bash
# The Cypher gate: installs Neo4j's Cypher front-end (pinned in
# package-lock.json) with `npm ci` into a cache directory keyed by the lock
# file, then lints every graph/neo4j/cypher/**/*.cypher (see lint.mjs).
# Exits non-zero on any error or warning.
#
#   .ci/cypher-gate/run.sh
#
# SUNDHEDSGRAF_CACHE (default ~/.cache/sundhedsgraf) holds the install.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${SUNDHEDSGRAF_CACHE:-$HOME/.cache/sundhedsgraf}
key=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -c1-16)
dir=$cache/cypher-gate-$key
if [[ ! -f $dir/.installed ]]; then
	echo "cypher-gate: installing @neo4j-cypher/language-support into $dir" >&2
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$here/package.json" "$here/package-lock.json" "$dir/"
	(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
	touch "$dir/.installed"
fi
exec node "$here/lint.mjs" --modules "$dir/node_modules" --root "$root"

#!/usr/bin/env bash
# Idempotent preparation for the tests that need Neo4j (called by .ci/run; safe to run by hand):
#   1. Java 17+ and Maven, from Debian, if missing;
#   2. the Neo4j 5.26 jars, fetched once from Maven Central into ${GOVGRAPH_NEO4J_HOME:-~/.local/share/govgraph/neo4j};
#   3. Chromium, from Debian, if missing (the Neo4j Browser smoke test).
# Every step is skipped when its result is already there, so a second run takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

CI_STEP=neo4j-prepare
# shellcheck source=.ci/lib.sh
. .ci/lib.sh

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

# 1. Java and Maven
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  apt_install openjdk-17-jdk-headless
fi
if ! command -v mvn >/dev/null 2>&1; then
  apt_install maven
fi

# 2. The Neo4j jars (a marker file makes this a no-op once done)
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import govgraph.neo4j.server' >/dev/null 2>&1; then
  export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
fi
start=$(date +%s)
"$PY" -m govgraph.neo4j.server fetch >/dev/null
log "Neo4j jars ready in $(( $(date +%s) - start )) s"

# 3. Chromium for the Browser smoke test
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
log "chromium: $(chromium --version 2>/dev/null || /usr/bin/chromium --version 2>/dev/null || echo missing)"

#!/usr/bin/env bash
# A single OpenSearch node for the OpenSearch search backend (retrieval/opensearch) and its tests.
#   scripts/opensearch.sh start   download once (cache outside the repo), start, wait for green/yellow
#   scripts/opensearch.sh stop    stop the node this script started
#   scripts/opensearch.sh status  print the cluster health, exit 1 when not reachable
# Idempotent: `start` with a node already answering on the port does nothing.
# The integ-test distribution has no plugins (no ICU/smartcn, no k-NN): Zhiwen indexes its own
# analyzer's tokens with a whitespace analyzer, so nothing else is needed.
# Settings (environment): ZHIWEN_OPENSEARCH_HOME (cache and data, default ~/.cache/zhiwen/opensearch),
# OPENSEARCH_VERSION (default 2.19.6), OPENSEARCH_PORT (default 9200), OPENSEARCH_HEAP (default 512m:
# the test machine is small and shared).
set -euo pipefail

version=${OPENSEARCH_VERSION:-2.19.6}
# OpenSearch refuses to run as root: as root, the node runs as the system user `opensearch`, from a
# cache that user can read (root's home is closed to it).
if [ "$(id -u)" = 0 ]; then
  home=${ZHIWEN_OPENSEARCH_HOME:-/var/cache/zhiwen/opensearch}
  run_as=(runuser -u opensearch --)
else
  home=${ZHIWEN_OPENSEARCH_HOME:-$HOME/.cache/zhiwen/opensearch}
  run_as=()
fi
port=${OPENSEARCH_PORT:-9200}
heap=${OPENSEARCH_HEAP:-512m}
url="http://127.0.0.1:$port"
dist="$home/opensearch-$version"
zip="$home/opensearch-$version.zip"
source_url="https://repo1.maven.org/maven2/org/opensearch/distribution/integ-test-zip/opensearch/$version/opensearch-$version.zip"
pidfile="$home/node.pid"

health() { curl -fsS -m 2 "$url/_cluster/health" 2>/dev/null; }

download() {
  [ -x "$dist/bin/opensearch" ] && return
  mkdir -p "$home"
  if [ ! -s "$zip" ]; then
    echo "opensearch: downloading $source_url" >&2
    curl -fsSL --retry 3 -o "$zip.part" "$source_url"
    mv "$zip.part" "$zip"
  fi
  (cd "$home" && unzip -q -o "$zip")
}

# The integ-test zip has no analysis-common module, whose `whitespace` tokenizer the index needs
# (retrieval/opensearch/mapping.ts). Maven Central has the module's jar: install it as a module.
analysis_common() {
  local dir="$dist/modules/analysis-common"
  [ -s "$dir/analysis-common-$version.jar" ] && return
  mkdir -p "$dir"
  echo "opensearch: adding the analysis-common module" >&2
  curl -fsSL --retry 3 -o "$dir/analysis-common-$version.jar" \
    "https://repo1.maven.org/maven2/org/opensearch/plugin/analysis-common/$version/analysis-common-$version.jar"
  cat > "$dir/plugin-descriptor.properties" <<EOF
description=Adds "built in" analyzers to OpenSearch.
version=$version
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=$version
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
}

start() {
  if health >/dev/null; then echo "opensearch: already running at $url" >&2; return; fi
  download
  analysis_common
  mkdir -p "$home/data-$port" "$home/logs-$port"
  if [ ${#run_as[@]} -gt 0 ]; then
    id opensearch >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin opensearch
    chown -R opensearch "$home"
  fi
  # The integ-test zip bundles no JDK: use the machine's (Java 17 or newer).
  java_home=${OPENSEARCH_JAVA_HOME:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
  echo "opensearch: starting $version on $url (heap $heap, java $java_home)" >&2
  "${run_as[@]}" env OPENSEARCH_JAVA_HOME="$java_home" OPENSEARCH_JAVA_OPTS="-Xms$heap -Xmx$heap" "$dist/bin/opensearch" -d -p "$pidfile" \
    -Ediscovery.type=single-node -Enetwork.host=127.0.0.1 -Ehttp.port="$port" \
    -Epath.data="$home/data-$port" -Epath.logs="$home/logs-$port" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false -Eaction.auto_create_index=false \
    >>"$home/logs-$port/console.log" 2>&1 # the daemon must not hold the caller's stdout (a pipe would never close)
  for _ in $(seq 1 120); do
    if curl -fsS -m 2 "$url/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      echo "opensearch: up at $url" >&2
      return
    fi
    sleep 1
  done
  echo "opensearch: not healthy after 120 s; see $home/logs-$port" >&2
  exit 1
}

stop() {
  local pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    # OpenSearch removes its pid file as it exits: wait on the pid read above.
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    rm -f "$pidfile"
    echo "opensearch: stopped" >&2
  else
    echo "opensearch: no node started by this script is running" >&2
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) health || { echo "opensearch: not reachable at $url" >&2; exit 1; } ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

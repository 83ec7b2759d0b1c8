#!/usr/bin/env bash
# Builds the editorial workbench (studio/) into the directory given, by default where the service serves /studio/
# from. Maven runs it while generating resources, so every build and test includes it. Installs Node.js and npm from
# Debian's packages when they are missing, and the locked npm packages when the lock file changed. Runs the studio's
# unit tests (studio/test) first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/target/classes/META-INF/resources/studio}")"
cd "$root/studio"
if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing; installing Node.js from Debian's packages" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2
fi
# npm ci only when node_modules was not installed from this very lock file
if ! cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
    npm ci --no-audit --no-fund --silent
    cp package-lock.json node_modules/.installed-from-lock
fi
# its unit tests (node's own runner), then the bundle
node --test --test-reporter=dot test/ >&2
node build.mjs "$out"

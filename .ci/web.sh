#!/usr/bin/env bash
# The web extension (vscode.dev, github.dev) in a real browser, with the VS Code test kit of
# the shared fixtures ($DEEP_DIVE_SHARED, else ../shared; its install.sh is idempotent):
# 1. the protocol tests against the browser server, dist/browser/server.js in a Web Worker of
#    headless Chromium (npm run test:protocol:browser), so the two servers answer alike;
# 2. the web suite in VS Code's web worker extension host (code-server + Chromium), from the
#    VSIX with its `main` removed, so only the `browser` entry can run.
# Both run even if the first fails; the exit status is non-zero when either did.
set -uo pipefail
cd "$(dirname "$0")/.."

SHARED=${DEEP_DIVE_SHARED:-../shared}
export VSCODE_TEST_RUNNER="$SHARED/vscode-test/run-vscode-tests.js"
[ -f "$VSCODE_TEST_RUNNER" ] || { echo "web.sh: no $VSCODE_TEST_RUNNER" >&2; exit 3; }
bash "$SHARED/vscode-test/install.sh" || exit 3   # chromium, Node 24, code-server, playwright-core
[ -d node_modules/@vscode/vsce ] || npm ci --no-audit --no-fund

rc=0
npm run test:protocol:browser || rc=1
npm run package || exit 1                          # dist/ (production) + deep-dive-<version>.vsix
node client/scripts/build-tests.mjs || exit 1      # out/test-web/index.js (never in the VSIX)
node client/scripts/run-offline.mjs --web --timeout "${VSCODE_TEST_TIMEOUT:-600}" || rc=1
exit "$rc"

#!/usr/bin/env bash
# VS Code extension-host suite in a real VS Code (code-server + headless Chromium via
# vscode-test of the shared fixtures: $DEEP_DIVE_SHARED, else ../shared), run against the extension installed from the VSIX that
# `npm run package` builds here, not the source tree. Idempotent: install.sh skips what is
# present. Exit status is the runner's: 0 all passed, 1 a test failed, 2 timeout, 3 runner error.
# The runner's last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${DEEP_DIVE_SHARED:-../shared}
export VSCODE_TEST_RUNNER="$SHARED/vscode-test/run-vscode-tests.js"
[ -f "$VSCODE_TEST_RUNNER" ] || { echo "vscode.sh: no $VSCODE_TEST_RUNNER" >&2; exit 3; }

bash "$SHARED/vscode-test/install.sh"          # chromium, Node 24, code-server, playwright-core
[ -d node_modules/@vscode/vsce ] || npm ci --no-audit --no-fund
npm run package                                  # dist/*.js (production) + deep-dive-<version>.vsix
node client/scripts/build-tests.mjs              # out/test/*.js (never in the VSIX)
node client/scripts/run-offline.mjs --timeout "${VSCODE_TEST_TIMEOUT:-600}"

#!/usr/bin/env bash
# Real-client tests: Neovim 0.7 and Emacs 28 + eglot (and use-package, for the
# docs' use-package form) drive the bundled language server (see test/clients/);
# the protocol-detail tests go through lsp-probe of the shared fixtures
# ($DEEP_DIVE_SHARED, else ../shared; see test/clients/probe.ts).
# Idempotent: installs the Debian packages only when missing (apt-get update only
# when it has no lists or an install fails on stale ones), then builds and runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v nvim >/dev/null || missing+=(neovim)
command -v emacs >/dev/null || missing+=(emacs-nox)
compgen -G '/usr/share/emacs/site-lisp/elpa/eglot-*' >/dev/null || missing+=(elpa-eglot)
compgen -G '/usr/share/emacs/site-lisp/elpa/use-package-*' >/dev/null || missing+=(elpa-use-package)
if [ ${#missing[@]} -gt 0 ]; then
  echo "clients.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt-get update
  apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; }
fi
nvim --version | head -n 1
emacs --version | head -n 1

npm run build   # esbuild, ~1 s; the tests run dist/server.js
npm run test:clients

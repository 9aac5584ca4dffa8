#!/usr/bin/env bash
# The packages a user installs, built and tried the way a user would:
# 1. npm: `npm pack` (its prepack builds for production) gives a lean tarball, exactly the
#    files listed below; the README states its size, within 25 %.
# 2. The tarball installs into an empty project without the registry (it has no
#    dependencies: the bundles carry them), and there `npx deep-dive check docs/` checks a
#    deep dive as the repository does, and the language server bin answers `initialize`.
# 3. VS Code: vsce builds the VSIX (scripts/package-vsix.mjs; vsce validates the manifest),
#    and the metadata the Marketplace and Open VSX need is checked (.ci/gallery-metadata.mjs;
#    Open VSX's ovsx packages with vsce too and adds the license check made there).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "package.sh: npm pack"
npm pack --pack-destination "$work" --silent >"$work/pack.out"
tgz="$work/$(tail -n 1 "$work/pack.out")"
expected="package/CHANGELOG.md
package/LICENSE
package/README.md
package/dist/cli-main.js
package/dist/cli.js
package/dist/mcp.js
package/dist/server-core.js
package/dist/server-main.js
package/dist/server.js
package/dist/worker.js
package/package.json
package/schemas/deepdive.schema.json
package/server/templates/deep-dive.md"
if ! diff <(echo "$expected") <(tar tzf "$tgz" | LC_ALL=C sort); then
  echo "package.sh: the tarball holds other files than expected (< expected, > packed)"; exit 1
fi
kb=$(( $(stat -c %s "$tgz") / 1000 ))
stated=$(grep -oE 'tarball is about [0-9]+ kB' README.md | grep -oE '[0-9]+' || true)
echo "package.sh: $(basename "$tgz") is $kb kB; the README says ${stated:-nothing}"
if [ -z "$stated" ] || [ $((kb * 4)) -lt $((stated * 3)) ] || [ $((kb * 4)) -gt $((stated * 5)) ]; then
  echo "package.sh: README.md must say 'tarball is about $kb kB' (within 25 %)"; exit 1
fi

echo "package.sh: install the tarball into an empty project, offline"
project="$work/project"
mkdir -p "$project/docs"
printf '{ "name": "uses-deep-dive", "version": "1.0.0", "private": true }\n' >"$project/package.json"
cp examples/rate-limiting.deepdive.md "$project/docs/"
printf '# Notes\n\nNot a deep dive.\n' >"$project/docs/notes.md"
(cd "$project" && npm install --offline --no-audit --no-fund --save-dev "$tgz")
installed=$(cd "$project/node_modules" && ls -A | grep -vxE '\.bin|\.package-lock\.json' | tr '\n' ' ')
[ "$installed" = "deep-dive " ] || { echo "package.sh: installed more than deep-dive: $installed"; exit 1; }

echo "package.sh: npx deep-dive check docs/"
rc=0; (cd "$project" && npx --no-install deep-dive check docs/) >"$work/check.out" 2>&1 || rc=$?
cat "$work/check.out"
want_rc=0; (cd "$project" && node "$repo/dist/cli.js" check docs/) >"$work/want.out" 2>&1 || want_rc=$?
[ "$rc" -eq 1 ] && [ "$want_rc" -eq 1 ] || { echo "package.sh: exit $rc from the package, $want_rc from the repository; expected 1 (warnings)"; exit 1; }
diff "$work/want.out" "$work/check.out" || { echo "package.sh: the package prints other findings than the repository"; exit 1; }
grep -q "^docs/rate-limiting.deepdive.md:[0-9]*:[0-9]*  warning  Missing section 'Security Boundaries'" "$work/check.out" \
  && grep -q '1 deep dive checked (1 markdown file skipped: not a deep dive)' "$work/check.out" \
  || { echo "package.sh: the check did not report the example's missing section"; exit 1; }
[ "$(cd "$project" && npx --no-install deep-dive --version)" = "$(node -p 'require("./package.json").version')" ] \
  || { echo "package.sh: deep-dive --version is not the package version"; exit 1; }
node .ci/lsp-initialize.mjs "$project/node_modules/.bin/deep-dive-language-server"

echo "package.sh: vsce package (from the production build npm pack made)"
node scripts/package-vsix.mjs "$work/deep-dive.vsix"
if command -v unzip >/dev/null; then unzip -Z1 "$work/deep-dive.vsix"
else python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$work/deep-dive.vsix"
fi | sed -n 's|^extension/||p' >"$work/vsix-files"
node .ci/gallery-metadata.mjs "$work/vsix-files"
# Both extension entries and their servers: desktop (main) and VS Code for the Web (browser).
for f in dist/client.js dist/server.js dist/server-main.js dist/server-core.js dist/worker.js dist/browser/client.js dist/browser/server.js; do
  grep -qx "$f" "$work/vsix-files" || { echo "package.sh: the VSIX lacks $f"; exit 1; }
done
echo "package.sh: ok"

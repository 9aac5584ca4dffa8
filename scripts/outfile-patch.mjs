// An esbuild plugin that rewrites a bundle once it is written: `patch(text, file)` returns
// the new text (or throws, failing the build, when the bundle is not what it expects).
import { readFileSync, writeFileSync } from 'node:fs';

export function outfilePatch(name, patch) {
  return {
    name,
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length) return;
        const file = build.initialOptions.outfile;
        writeFileSync(file, patch(readFileSync(file, 'utf8'), file));
      });
    },
  };
}

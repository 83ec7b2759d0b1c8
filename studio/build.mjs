// Builds the studio into the directory given (scripts/studio.sh passes target/classes/META-INF/resources/studio):
// one bundled, minified ES module, its style sheets and the page. Refuses a dependency whose licence is not permissive.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  throw new Error('usage: node build.mjs <output directory>');
}

const PERMISSIVE = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD']);
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
for (const path of Object.keys(lock.packages)) {
  if (path === '' || !existsSync(join(path, 'package.json'))) {
    continue; // the project itself, or an optional package for another platform
  }
  const { license } = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
  if (!PERMISSIVE.has(license)) {
    throw new Error(`${path} is licensed ${license}: the studio ships only permissive licences`);
  }
}

mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/main.js', 'src/studio.css'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: out,
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync('src/index.html', join(out, 'index.html'));

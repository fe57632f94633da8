// Bundles the extension into one CommonJS file (out/extension.js) that VS Code loads.
// `--production` minifies and drops source maps (used when packaging the .vsix).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

await esbuild.build({
  entryPoints: ['src/extension.mts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'out/extension.js',
  // Provided by the editor at run time.
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
});

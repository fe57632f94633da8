// Bundles the extension into one CommonJS file (out/extension.js) that VS Code loads, and the
// graph webview's script, with Graphviz in WebAssembly inside it, into out/graphView.js.
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

await esbuild.build({
  entryPoints: ['src/webview/graph.mts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outfile: 'out/graphView.js',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
});

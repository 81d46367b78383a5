// Bundles bundled/entry.js with webpack 5 for the browser (the "default" export condition, not
// "node"), failing on any error or warning.
const webpack = require('webpack');
const path = require('node:path');

webpack({
  mode: 'production',
  target: 'web',
  entry: './bundled/entry.js',
  output: { path: path.resolve(__dirname, 'bundled/dist'), filename: 'main.js', clean: true },
  experiments: { asyncWebAssembly: true },
  performance: { hints: false },
}, (error, stats) => {
  if (error || stats.hasErrors() || stats.hasWarnings()) {
    console.error(error ?? stats.toString({ all: false, errors: true, warnings: true }));
    process.exit(1);
  }
  const wasm = Object.keys(stats.compilation.assets).filter((name) => name.endsWith('.wasm'));
  if (wasm.length !== 1) {
    console.error(`webpack: expected one .wasm asset, got ${wasm.join(', ') || 'none'}`);
    process.exit(1);
  }
  console.log(`webpack: bundled (main.js + ${wasm[0]})`);
});

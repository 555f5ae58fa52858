#!/usr/bin/env node
// `npm start`: launch the Electron app when its runtime is installed, else run the headless server.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const mainBundle = path.join(root, 'dist', 'electron', 'main.cjs');
const args = process.argv.slice(2);
if (binary && fs.existsSync(mainBundle)) {
  spawn(binary, [root, ...args], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = binary ? 'the Electron bundle is not built (npm run build)' : 'the Electron runtime is not installed';
  console.log(`Electron is not available here (${why}); running the headless server instead.`);
  const vite = (...viteArgs) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...viteArgs], {
      cwd: root,
      stdio: 'inherit',
    });
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) vite('--logLevel', 'warn');
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'cli.mjs'))) {
    vite('--config', 'vite.cli.config.ts', '--logLevel', 'warn');
  }
  spawn(process.execPath, [path.join(root, 'bin', 'ongoing-specter-sync.mjs'), 'serve', ...args], {
    stdio: 'inherit',
  }).on('exit', (code) => process.exit(code ?? 0));
}

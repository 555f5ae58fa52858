#!/usr/bin/env node
// The `ongoing-specter-sync` command. Runs the built bundle dist/cli/cli.mjs (`npm run build:cli`); no
// TypeScript is compiled at run time. For development, OSS_FROM_SOURCE=1 runs the TypeScript source through
// tsx instead, without a build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli', 'cli.mjs');
const source = path.join(root, 'src', 'main', 'headless', 'main.ts');

/** The newest modification time under a folder (0 when it does not exist). */
function newestUnder(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestUnder(full));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (process.env.OSS_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else if (fs.existsSync(bundle)) {
  // In a source checkout, say so when the bundle is older than the code it was built from.
  const built = fs.statSync(bundle).mtimeMs;
  if (Math.max(newestUnder(path.join(root, 'src', 'main')), newestUnder(path.join(root, 'src', 'shared'))) > built) {
    process.stderr.write(
      'Note: the command-line bundle is older than the source; run "npm run build:cli" to include the latest changes.\n',
    );
  }
  await import(pathToFileURL(bundle).href);
} else {
  process.stderr.write(
    'The command-line app is not built: dist/cli/cli.mjs is missing.\n' +
      'Build it with "npm run build:cli" (or "npm run build" for everything), then run the command again.\n' +
      'For development you can run it from source instead: OSS_FROM_SOURCE=1 node bin/ongoing-specter-sync.mjs <command>\n',
  );
  process.exitCode = 1;
}

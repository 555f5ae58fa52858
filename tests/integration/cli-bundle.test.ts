import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProcessEnv } from '../helpers/test-keychain';
import { tempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');
const { dir, cleanup } = tempDir('oss-cli-bundle-');
afterAll(cleanup);

/** A copy of the app folder holding only what an installed command has: bin, package.json, node_modules. */
function appFolder(name: string, withBundle: boolean): string {
  const app = path.join(dir, name);
  fs.mkdirSync(path.join(app, 'bin'), { recursive: true });
  fs.copyFileSync(
    path.join(root, 'bin', 'ongoing-specter-sync.mjs'),
    path.join(app, 'bin', 'ongoing-specter-sync.mjs'),
  );
  fs.copyFileSync(path.join(root, 'package.json'), path.join(app, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'));
  if (withBundle) {
    fs.mkdirSync(path.join(app, 'dist', 'cli'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'build', 'cli.mjs'), path.join(app, 'dist', 'cli', 'cli.mjs'));
  }
  return app;
}

const run = (app: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(app, 'bin', 'ongoing-specter-sync.mjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: testProcessEnv(),
  });

beforeAll(() => {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.cli.config.ts',
      '--logLevel',
      'error',
    ],
    { cwd: root, env: { ...process.env, OSS_CLI_OUT_DIR: path.join(dir, 'build') }, stdio: 'pipe' },
  );
});

describe('command-line bundle', () => {
  it('is one ES module that loads only Node built-ins and declared packages, no TypeScript loader', () => {
    const code = fs.readFileSync(path.join(dir, 'build', 'cli.mjs'), 'utf8');
    const imported = [
      ...new Set([...code.matchAll(/^import\s[^'"]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? '')),
    ];
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const packages = imported.filter((s) => !s.startsWith('node:'));
    expect(packages).toEqual(expect.arrayContaining(['better-sqlite3']));
    for (const name of packages) expect(Object.keys(pkg.dependencies), name).toContain(name);
    expect(packages).not.toContain('tsx');
    expect(imported.filter((s) => s.startsWith('.') || s.endsWith('.ts'))).toEqual([]);
    // keytar is loaded lazily, so a missing keychain is reported instead of failing at start.
    expect(code).toContain('("keytar")');
  });

  it('runs the command through bin/ongoing-specter-sync.mjs: settings go to SQLite in the data folder', () => {
    const app = appFolder('built', true);
    const dataDir = path.join(dir, 'data');
    const set = run(app, ['config', 'set', 'specter.sbmId', '4711', '--data-dir', dataDir]);
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    const get = run(app, ['config', 'get', 'specter.sbmId', '--data-dir', dataDir]);
    expect(get.stdout.trim()).toBe('4711');
    expect(fs.existsSync(path.join(dataDir, 'sync.sqlite'))).toBe(true);
  });

  it('says how to build it when the bundle is missing', () => {
    const result = run(appFolder('unbuilt', false), ['status']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dist/cli/cli.mjs is missing');
    expect(result.stderr).toContain('npm run build:cli');
  });
});

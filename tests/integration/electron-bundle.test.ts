import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');
const { dir, cleanup } = tempDir('oss-electron-bundle-');
afterAll(cleanup);

function build(mode: 'main' | 'preload') {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.electron.config.ts',
      '--mode',
      mode,
      '--logLevel',
      'error',
    ],
    { cwd: root, env: { ...process.env, OSS_ELECTRON_OUT_DIR: dir }, stdio: 'pipe' },
  );
}

const requires = (file: string) =>
  [...new Set([...fs.readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))].sort();

describe('Electron bundles', () => {
  it('the sandboxed preload is one file that requires nothing but electron', () => {
    build('main');
    build('preload');
    expect(fs.existsSync(path.join(dir, 'main.cjs'))).toBe(true);
    expect(requires(path.join(dir, 'preload.cjs'))).toEqual(['electron']);
  });

  it('the main bundle leaves native modules and electron to be loaded at run time', () => {
    const loaded = requires(path.join(dir, 'main.cjs'));
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', 'electron']));
    expect(loaded.filter((m) => m.startsWith('.'))).toEqual([]);
    // keytar is loaded lazily (so a missing keychain is reported, not a crash at start).
    expect(fs.readFileSync(path.join(dir, 'main.cjs'), 'utf8')).toContain('("keytar")');
  });
});

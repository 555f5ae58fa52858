/**
 * The data folder and what the app writes into it are private to the user running the app: the
 * folder 0700, the SQLite file with its WAL files and the log 0600, whatever the umask. Real files,
 * real SQLite, the real CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir } from '../../src/main/core/data-dir';
import { createLogger } from '../../src/main/core/logging/logger';
import { DB_FILE_NAME, openDatabase } from '../../src/main/core/store/database';
import { type CliIo, runCli } from '../../src/main/headless/cli';
import { tempDir } from '../helpers/temp-dir';

const { dir: root, cleanup } = tempDir('oss-perm-');
afterAll(cleanup);
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const silent: CliIo = { stdout: () => {}, stderr: () => {}, readStdin: async () => '' };

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  let previousUmask = 0;
  beforeEach(() => {
    // The most permissive umask: the modes below must not depend on the user's umask.
    previousUmask = process.umask(0);
  });
  afterEach(() => {
    process.umask(previousUmask);
  });

  it('creates the data folder 0700 and the database and its WAL files 0600', () => {
    const dataDir = path.join(root, 'fresh', 'OngoingSpecterSync');
    const db = openDatabase({ dataDir });
    db.exec('CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1);');
    const file = path.join(dataDir, DB_FILE_NAME);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    db.close();
  });

  it('tightens an existing database file written before, and keeps it readable', () => {
    const dataDir = path.join(root, 'upgrade');
    fs.mkdirSync(dataDir, { recursive: true });
    const first = openDatabase({ dataDir });
    first.close();
    const file = path.join(dataDir, DB_FILE_NAME);
    fs.chmodSync(file, 0o644);
    const again = openDatabase({ dataDir });
    expect(mode(file)).toBe(0o600);
    expect(again.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toMatchObject({
      v: expect.any(Number),
    });
    again.close();
  });

  it('writes the log folder 0700 and the log file 0600, also when the file was there before', () => {
    const logFile = path.join(root, 'logdir', 'logs', 'app.log');
    const logger = createLogger({ file: logFile });
    logger.info('first line');
    expect(mode(path.dirname(logFile))).toBe(0o700);
    expect(mode(logFile)).toBe(0o600);
    fs.chmodSync(logFile, 0o644);
    createLogger({ file: logFile }).info('second line');
    expect(mode(logFile)).toBe(0o600);
    expect(fs.readFileSync(logFile, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('leaves the permissions of a folder the user chose alone unless asked to tighten them', () => {
    const chosen = path.join(root, 'chosen');
    fs.mkdirSync(chosen, { mode: 0o755 });
    fs.chmodSync(chosen, 0o755);
    ensurePrivateDir(chosen);
    expect(mode(chosen)).toBe(0o755);
    ensurePrivateDir(chosen, { tighten: true });
    expect(mode(chosen)).toBe(0o700);
  });

  it('the CLI creates a new data folder 0700 with private files in it', async () => {
    const dataDir = path.join(root, 'cli', 'data');
    expect(await runCli(['config', 'set', 'ongoing.user', 'lager-api', '--data-dir', dataDir], silent)).toBe(0);
    expect(mode(dataDir)).toBe(0o700);
    const files = fs
      .readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    expect(files).toContain(path.join(dataDir, DB_FILE_NAME));
    for (const file of files) expect(mode(file), file).toBe(0o600);
    for (const entry of fs.readdirSync(dataDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      expect(mode(path.join(dataDir, entry.name)), entry.name).toBe(0o700);
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, makePrivateIfPresent, PRIVATE_FILE_MODE } from '../data-dir';
import { redact, scrubSecrets } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Log file (JSON lines); none when absent. */
  file?: string;
  /** Also write to stderr. */
  console?: boolean;
  minLevel?: LogLevel;
  /** Known secret values to scrub from messages as a last line of defence. */
  knownSecrets?: () => Iterable<string>;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A JSON-lines logger that redacts secret-named fields and scrubs known secret values. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.minLevel ?? 'info'];
  if (options.file) {
    ensurePrivateDir(path.dirname(options.file));
    makePrivateIfPresent(options.file);
  }
  const write = (level: LogLevel, message: string, details?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const secrets = options.knownSecrets?.() ?? [];
    const line = scrubSecrets(
      JSON.stringify({
        at: new Date().toISOString(),
        level,
        message,
        ...(details ? { details: redact(details) } : {}),
      }),
      secrets,
    );
    if (options.file) fs.appendFileSync(options.file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    if (options.console) process.stderr.write(`${line}\n`);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/**
 * The support bundle: one zip a support person can read to see what the app did, with nothing secret
 * in it. It holds the recent log, the settings, the schema version, recent job runs, open problems,
 * postings not done, and the last remote calls with their requests and replies.
 *
 * Redaction happens twice: structurally (secret-named fields, see logging/redact.ts) and on the final
 * text of every file (the known secret values, `key=` parameters, Authorization headers, tokens), so a
 * secret that slipped into free text (an error message, a URL) is removed too.
 */
import { REDACTED, redact, scrubSecrets } from '../logging/redact';
import { type ZipEntry, zip } from './zip';

/** One remote call as recorded for support (bodies already cut to a readable size). */
export interface RecordedCall {
  at: string;
  system: 'specter' | 'ongoing';
  method: string;
  url: string;
  requestHeaders?: Record<string, string>;
  requestBody?: string;
  status: number | null;
  replyBody?: string;
  durationMs: number;
  error?: string;
}

export interface SupportBundleInput {
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  settings: unknown;
  /** The end of the log file (JSON lines). */
  logTail: string;
  runs: unknown[];
  openProblems: unknown[];
  postingsNotDone: unknown[];
  calls: RecordedCall[];
  /** Values that must not appear anywhere: the stored secrets and the bridge token. */
  secretValues: string[];
}

const PATTERNS: [RegExp, string][] = [
  // key=… in query strings and form bodies (Specter's request signature), token=… likewise.
  [/([?&;\s]|^)(key|token|md5key\d?|apiUserKey|integrationKey|password)=([^&\s"']*)/gi, `$1$2=${REDACTED}`],
  // Authorization headers in any form.
  [/("?authorization"?\s*[:=]\s*"?)(basic|bearer)?\s*[^",\n}]+/gi, `$1${REDACTED}`],
];

/** Every secret removed from a text: the known values, then the patterns. */
export function scrubText(text: string, secretValues: readonly string[]): string {
  let out = scrubSecrets(text, secretValues);
  // Basic credentials also travel base64-encoded.
  out = scrubSecrets(
    out,
    secretValues.filter((s) => s.length >= 4).map((s) => Buffer.from(s, 'utf8').toString('base64')),
  );
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const json = (value: unknown) => `${JSON.stringify(redact(value), null, 2)}\n`;

export function buildSupportBundle(input: SupportBundleInput): Buffer {
  const files: ZipEntry[] = [
    {
      name: 'README.txt',
      data:
        `Ongoing ⇄ Specter Sync support bundle\nCreated ${input.createdAt}, app ${input.appVersion}, schema version ${input.schemaVersion}.\n` +
        'Secrets (passwords, keys, key= parameters, Authorization headers, the bridge token) are removed.\n' +
        'Files: settings.json, runs.json, open-problems.json, postings-not-done.json, remote-calls.json, app.log\n',
    },
    { name: 'settings.json', data: json({ schemaVersion: input.schemaVersion, settings: input.settings }) },
    { name: 'runs.json', data: json(input.runs) },
    { name: 'open-problems.json', data: json(input.openProblems) },
    { name: 'postings-not-done.json', data: json(input.postingsNotDone) },
    { name: 'remote-calls.json', data: json(input.calls) },
    { name: 'app.log', data: input.logTail },
  ];
  const scrubbed = files.map((f) => ({ name: f.name, data: scrubText(String(f.data), input.secretValues) }));
  return zip(scrubbed, new Date(input.createdAt));
}

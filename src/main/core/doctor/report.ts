/**
 * The diagnostic report: a zip with one request and one reply file per HTTP call of each action, a
 * summary for people (summary.txt) and one for tools (summary.json). Every text is scrubbed of the
 * known secret values and of key=/password= parameters and Authorization headers; replies keep their
 * bytes except where a secret would be.
 */
import type { DoctorAction } from '../../../shared/doctor';
import { scrubText } from '../support/support-bundle';
import { type ZipEntry, zip } from '../support/zip';
import type { CapturedCall, CheckRun } from './types';

export const READ_ONLY_NOTICE =
  'The diagnostic run only reads: it calls each read the app makes on Specter and Ongoing once, writes nothing, and acknowledges no Specter batch.';

/** Remove secrets from reply bytes without re-encoding them: the text is scrubbed in its one-byte-per-character form. */
function scrubBytes(bytes: Buffer, secretValues: readonly string[]): Buffer {
  const asBytes = secretValues.flatMap((s) => [
    Buffer.from(s, 'utf8').toString('latin1'),
    Buffer.from(s, 'latin1').toString('latin1'),
  ]);
  const scrubbed = scrubText(bytes.toString('latin1'), [...new Set(asBytes)]);
  return Buffer.from(scrubbed, 'latin1');
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

function requestText(call: CapturedCall): string {
  const lines = [`${call.method} ${call.url}`];
  if (call.requestBody) lines.push('', call.requestBody);
  lines.push(
    '',
    `status: ${call.status ?? 'no reply'}`,
    `duration: ${call.durationMs} ms`,
    ...(call.error ? [`error: ${call.error}`] : []),
  );
  return `${lines.join('\n')}\n`;
}

function replyName(call: CapturedCall, stem: string): string {
  const head = call.replyBytes?.subarray(0, 64).toString('latin1').trimStart() ?? '';
  const ext = head.startsWith('<') ? 'xml' : head.startsWith('{') || head.startsWith('[') ? 'json' : 'txt';
  return `${stem}.reply.${ext}`;
}

function judged(run: CheckRun, file: string): DoctorAction {
  const r = run.result;
  const ok = !r.called || (r.answered && r.parsed && r.errorCode === null && r.missing.length === 0);
  return { ...r, file, ok };
}

/** The wire constants a finding of this action concerns. */
export function constantsOf(action: DoctorAction): string[] {
  const names = new Set<string>();
  if (action.constant && (!action.parsed || action.errorCode !== null)) names.add(action.constant);
  for (const field of action.missing) if (field.constant) names.add(field.constant);
  return [...names];
}

function describe(action: DoctorAction): string[] {
  const tag = !action.called ? 'skip' : action.ok ? 'ok' : 'FAIL';
  const name = `${action.system} ${action.action}${action.constant ? ` (${action.constant})` : ''}`;
  const state = !action.called
    ? 'not called'
    : [
        action.answered ? 'answered' : 'not answered',
        action.parsed ? `parsed, ${action.records} record(s)` : 'not parsed',
        action.status !== null ? `HTTP ${action.status}` : '',
      ]
        .filter(Boolean)
        .join(', ');
  const lines = [`[${tag}] ${name}: ${state}`];
  if (action.errorCode !== null)
    lines.push(`    Specter error ${action.errorCode}: ${action.errorText || '(no text)'}`);
  for (const f of action.missing)
    lines.push(`    missing: ${f.where}: ${f.name}${f.constant ? ` (${f.constant})` : ''}`);
  for (const f of action.unknown) lines.push(`    unknown: ${f.where}: ${f.name}`);
  for (const note of action.notes) lines.push(`    note: ${note}`);
  const constants = constantsOf(action);
  if (!action.ok && constants.length > 0) lines.push(`    check in wire.ts: ${constants.join(', ')}`);
  if (action.file) lines.push(`    files: ${action.file}*`);
  return lines;
}

/** One line for a terminal or a toast. */
export function summaryLine(actions: readonly DoctorAction[]): string {
  const called = actions.filter((a) => a.called);
  const per = (system: DoctorAction['system']) => {
    const of = called.filter((a) => a.system === system);
    const answered = of.filter((a) => a.answered).length;
    const parsed = of.filter((a) => a.parsed).length;
    return `${system === 'specter' ? 'Specter' : 'Ongoing'} ${answered}/${of.length} answered, ${parsed}/${of.length} parsed`;
  };
  const failed = called.filter((a) => !a.ok);
  const tail = failed.length
    ? `; failed: ${failed.map((a) => [a.action, ...constantsOf(a).filter((c) => c !== a.constant)].join(' ')).join(', ')}`
    : '; nothing missing';
  return `${per('specter')}; ${per('ongoing')}${tail}.`;
}

export interface BuiltReport {
  bytes: Buffer;
  actions: DoctorAction[];
  line: string;
}

export function buildDoctorReport(input: {
  createdAt: string;
  appVersion: string;
  runs: readonly CheckRun[];
  secretValues: readonly string[];
}): BuiltReport {
  const entries: ZipEntry[] = [];
  const actions: DoctorAction[] = input.runs.map((run, i) => {
    const stem = `${run.result.system}/${String(i + 1).padStart(2, '0')}-${slug(run.result.action)}`;
    run.calls.forEach((call, c) => {
      const name = run.calls.length > 1 ? `${stem}-${c + 1}` : stem;
      entries.push({ name: `${name}.request.txt`, data: scrubText(requestText(call), input.secretValues) });
      if (call.replyBytes) {
        entries.push({ name: replyName(call, name), data: scrubBytes(call.replyBytes, input.secretValues) });
      }
    });
    return judged(run, run.calls.length > 0 ? stem : '');
  });
  const line = summaryLine(actions);
  const text = [
    `Ongoing ⇄ Specter Sync diagnostic report`,
    `Created ${input.createdAt}, app ${input.appVersion}.`,
    READ_ONLY_NOTICE,
    'Secrets (keys, passwords, the request signature, Authorization headers) are removed from every file.',
    '',
    line,
    '',
    ...actions.flatMap(describe),
    '',
    'Missing: a field the app reads that no record in the reply had. Unknown: a field the app does not read.',
    'Each finding names the constant in src/main/core/specter/wire.ts (or wire-records.ts) to correct.',
    '',
  ].join('\n');
  entries.unshift(
    { name: 'summary.txt', data: scrubText(text, input.secretValues) },
    {
      name: 'summary.json',
      data: scrubText(
        `${JSON.stringify({ createdAt: input.createdAt, line, actions }, null, 2)}\n`,
        input.secretValues,
      ),
    },
  );
  return { bytes: zip(entries, new Date(input.createdAt)), actions, line };
}

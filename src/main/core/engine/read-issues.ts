/**
 * Per-record isolation: values the Specter client could not read as sent travel on the record
 * (`readIssues`); an error makes that record invalid (with the field, the raw value and what to
 * correct in Specter), a warning goes onto the record's message. The rest of the feed goes on.
 */
import type { SpecterReadIssue } from '../../../shared/domain/specter';
import type { MappingProblem, PreparedRecord } from '../../../shared/mapping';

export interface ReadIssueSource {
  readIssues?: SpecterReadIssue[];
  lastChanged?: string;
}

export function readProblems(record: string, issues: readonly SpecterReadIssue[] | undefined): MappingProblem[] {
  return (issues ?? []).map((issue) => ({
    record,
    field: issue.field,
    message: issue.message,
    severity: issue.severity,
    ref: { code: 'record.unreadableValue', params: { field: issue.field, raw: issue.raw } },
  }));
}

/**
 * Prepare a record for Ongoing unless what Specter sent could not be read: then it is invalid with
 * every problem found (read issues first, then validation).
 */
export function checkedPrepare<B>(
  doc: ReadIssueSource,
  record: string,
  prepare: () => PreparedRecord<B>,
  validChangeTime = true,
): PreparedRecord<B> {
  const problems = readProblems(record, doc.readIssues);
  if (!validChangeTime) {
    problems.push({
      record,
      field: 'lastChanged',
      ref: { code: 'record.badChangeTime', params: { raw: doc.lastChanged ?? '' } },
      message: `The change time "${doc.lastChanged ?? ''}" is not a time (yyyy-MM-dd HH:mm:ss). Save the record again in Specter so it gets a valid change time.`,
      severity: 'error',
    });
  }
  if (problems.some((p) => p.severity === 'error')) {
    let more: MappingProblem[] = [];
    try {
      more = prepare().problems;
    } catch {
      more = [];
    }
    return { record, body: null, problems: [...problems, ...more] };
  }
  const prepared = prepare();
  return { ...prepared, problems: [...problems, ...prepared.problems] };
}

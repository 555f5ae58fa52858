/** What one diagnostic check produced: the result shown to the operator and the HTTP exchanges behind it. */
import type { DoctorAction } from '../../../shared/doctor';

/** One HTTP attempt as the report keeps it (the request signature already removed by the client). */
export interface CapturedCall {
  method: string;
  url: string;
  requestBody?: string;
  status: number | null;
  /** The reply exactly as received. */
  replyBytes?: Buffer;
  durationMs: number;
  /** Why the attempt failed (no secrets: the clients' messages carry none). */
  error?: string;
}

export interface CheckRun {
  result: Omit<DoctorAction, 'file' | 'ok'>;
  calls: CapturedCall[];
}

/** A result before anything is known: not yet answered, nothing found. */
export function emptyResult(
  system: DoctorAction['system'],
  action: string,
  constant: string,
): Omit<DoctorAction, 'file' | 'ok'> {
  return {
    system,
    action,
    constant,
    called: true,
    answered: false,
    parsed: false,
    records: 0,
    status: null,
    errorCode: null,
    errorText: '',
    missing: [],
    unknown: [],
    notes: [],
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one failure model of every job. Each error is classified once:
 *
 * | class      | what happened                                              | the run              |
 * |------------|------------------------------------------------------------|----------------------|
 * | connection | no answer: refused, reset, DNS, TLS, timeout               | stops, backs off     |
 * | protocol   | an answer that cannot be used: HTML page, empty or cut-off | stops, backs off     |
 * |            | body, 5xx, 413, an unexpected status                       |                      |
 * | auth       | credentials refused, or settings/secrets missing           | stops                |
 * | rate       | the system asked to wait (429/503 with Retry-After)        | stops, waits         |
 * | refused    | the system refused this one record (4xx, unknown record)   | goes on              |
 * | invalid    | a value of this record cannot be read or sent              | goes on              |
 *
 * Job-level failures (everything but refused and invalid) are raised in the exception inbox under
 * record key '*' and cleared by the next run that reaches every system it needs, whatever the job.
 */
import type { ExceptionClass, JobName } from '../../../shared/domain/sync';
import { type MessageParams, type Notice, notice, refOf } from '../../../shared/messages';
import { isRemoteError, type RemoteError } from '../net/remote-error';
import { MAX_RETRY_AFTER_MS } from '../net/retry';
import type { ExceptionRepository } from '../repositories/exception-repository';

export type FailureClass = 'connection' | 'protocol' | 'auth' | 'rate' | 'refused' | 'invalid';

export { MAX_RETRY_AFTER_MS };

export interface Failure {
  class: FailureClass;
  /** 'Specter', 'Ongoing' or null when no remote system was involved. */
  system: string | null;
  /** The error's own text (for a refusal: the remote system's own message). */
  detail: string;
  /** Ongoing refused a change of an order/purchase order in a way that may mean "work has started". */
  mayBeLocked: boolean;
  /** How long the system asked to wait, when it did. */
  retryAfterMs?: number;
  /** A defect of the app rather than a remote problem (not raised in the inbox). */
  unexpected: boolean;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function remoteClass(error: RemoteError): FailureClass {
  switch (error.kind) {
    case 'auth':
      return 'auth';
    case 'validation':
    case 'not_found':
    case 'locked':
      return 'refused';
    case 'rate':
      return 'rate';
    case 'network':
    case 'timeout':
      return 'connection';
    default:
      // server, protocol, batch_open: the system answered, but not with something usable.
      return 'protocol';
  }
}

/** Classify any error once. */
export function classify(error: unknown): Failure {
  const detail = errorText(error);
  if (isRemoteError(error)) {
    return {
      class: remoteClass(error),
      system: error.system === 'specter' ? 'Specter' : 'Ongoing',
      detail,
      mayBeLocked: error.kind === 'locked',
      retryAfterMs: error.retryAfterMs,
      unexpected: false,
    };
  }
  if (error instanceof Error && error.name === 'NotConfiguredError') {
    return { class: 'auth', system: null, detail, mayBeLocked: false, unexpected: false };
  }
  if (error instanceof Error && error.name === 'SpecterParseError') {
    return { class: 'protocol', system: 'Specter', detail, mayBeLocked: false, unexpected: false };
  }
  return { class: 'protocol', system: null, detail, mayBeLocked: false, unexpected: true };
}

/** True for failures after which the run must not send anything more. */
export function stopsTheRun(error: unknown): boolean {
  const c = classify(error).class;
  return c !== 'refused' && c !== 'invalid';
}

/** The exception inbox class a failure is filed under. */
export function exceptionClassOf(failure: Failure): ExceptionClass {
  switch (failure.class) {
    case 'auth':
      return 'auth';
    case 'refused':
      return 'remote_refusal';
    case 'invalid':
      return 'validation';
    default:
      return 'connection';
  }
}

/** What a job was doing when it stopped: a `doing.*` code of the message catalogue with its parameters. */
export interface Doing {
  doing:
    | 'connect'
    | 'readChanged'
    | 'readHeld'
    | 'send'
    | 'handle'
    | 'reread'
    | 'ackBatch'
    | 'sendPostings'
    | 'proposals'
    | 'stock';
  params?: MessageParams;
}

export { type Notice, notice, refOf };

/** Why a call failed, as `cause.*` parameters: no connection, no answer, HTTP status, the remote's own words. */
export function causeParams(error: unknown): MessageParams {
  if (!isRemoteError(error)) return { cause: 'none' };
  if (error.kind === 'network') return { cause: 'network' };
  if (error.kind === 'timeout') return { cause: 'timeout' };
  const status = error.status;
  if (status === 413) return { cause: 'tooLarge' };
  if (error.remoteText && status !== undefined) return { cause: 'httpSaid', status, remoteText: error.remoteText };
  if (error.remoteText) return { cause: 'said', remoteText: error.remoteText };
  if (status !== undefined) return { cause: 'http', status };
  return { cause: error.kind === 'protocol' ? 'unreadable' : 'none' };
}

/** The run-level message for the exception inbox and the run history: one code per failure class. */
export function describeStop(
  job: JobName,
  failure: Failure,
  doing: Doing,
  error: unknown,
  now: Date = new Date(),
): Notice {
  const system = failure.system === 'Specter' ? 'specter' : failure.system === 'Ongoing' ? 'ongoing' : '';
  const params: MessageParams = { ...doing.params, job, doing: doing.doing, system, ...causeParams(error) };
  if (failure.unexpected) return notice('run.unexpected', { ...params, remoteText: failure.detail });
  switch (failure.class) {
    case 'auth':
      if (!failure.system) return notice('run.not_configured', params);
      return notice('run.auth', params);
    case 'connection':
      return notice('run.unreachable', params);
    case 'rate': {
      const seconds = Math.ceil((failure.retryAfterMs ?? 0) / 1000);
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > MAX_RETRY_AFTER_MS) {
        const nextAt = new Date(now.getTime() + failure.retryAfterMs).toISOString();
        return notice('run.wait_requested', { ...params, seconds, nextAt });
      }
      return notice('run.busy', params);
    }
    default:
      return notice('run.protocol', params);
  }
}

/** Failures the scheduler backs off from (the system is there but cannot be used now). */
export function isUnreachable(failure: Failure): boolean {
  return (
    !failure.unexpected && (failure.class === 'connection' || failure.class === 'protocol' || failure.class === 'rate')
  );
}

/**
 * The one rule for job-level exceptions: a job-level failure (not a defect) is raised under record
 * key '*'; every earlier one of the job is cleared once a run reaches every system it needs.
 */
export function raiseJobFailure(exceptions: ExceptionRepository, job: JobName, failure: Failure, notice: Notice): void {
  if (failure.unexpected || failure.class === 'refused' || failure.class === 'invalid') return;
  exceptions.raise({
    flow: job,
    recordKey: '*',
    class: exceptionClassOf(failure),
    message: notice.text,
    code: notice.code,
    params: notice.params,
  });
}

export function clearJobFailures(exceptions: ExceptionRepository, job: JobName): void {
  exceptions.clearClass(job, 'connection');
  exceptions.clearClass(job, 'auth');
}

/**
 * The last remote calls with their requests and replies, in memory only, for the support bundle (which
 * redacts them). Bodies are cut to a readable size so 200 calls stay small.
 */
import type { RecordedCall } from '../support/support-bundle';

export const CALL_LOG_SIZE = 200;
const BODY_LIMIT = 4_000;

const cut = (text: string | undefined) =>
  text === undefined || text.length <= BODY_LIMIT
    ? text
    : `${text.slice(0, BODY_LIMIT)}… (${text.length - BODY_LIMIT} more characters)`;

export class CallLog {
  private readonly calls: RecordedCall[] = [];

  record(call: RecordedCall): void {
    this.calls.push({ ...call, requestBody: cut(call.requestBody), replyBody: cut(call.replyBody) });
    if (this.calls.length > CALL_LOG_SIZE) this.calls.splice(0, this.calls.length - CALL_LOG_SIZE);
  }

  recent(): RecordedCall[] {
    return [...this.calls];
  }
}

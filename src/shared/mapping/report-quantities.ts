/**
 * Quantities Ongoing reports back (picked on order lines, received on purchase order lines), read and
 * turned into what a Specter submit carries. Shared by the delivery and the receipt submit.
 *
 * - A count from Ongoing must be a finite number of 0 or more; anything else makes the record invalid
 *   (never read as 0: that would acknowledge items that were never reported).
 * - What a line still has to report = done (picked/received) − accounted, where accounted is the larger
 *   of Ongoing's reported count and what postings already on their way will set it to.
 * - Ongoing counts items; an order row sent with Specter's second quantity factor (no items2) holds
 *   no items × no items2 items in Ongoing. Specter is told in its own unit: the Ongoing count divided by
 *   the factor. A count that is not a whole multiple of the factor is not guessed at.
 */
import { type MappingProblem, roundDecimal } from './core';

/** A count read from Ongoing: the number, or a problem naming the field and its raw value. */
export function readOngoingCount(
  raw: unknown,
  where: { record: string; line: string; field: string; label: string; number: string; row: string },
): { value: number; problem?: undefined } | { value?: undefined; problem: MappingProblem } {
  if (raw === undefined || raw === null) return { value: 0 };
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return { value: raw };
  return {
    problem: {
      record: where.record,
      field: where.field,
      ref: {
        code: 'posting.countUnreadable',
        params: { number: where.number, row: where.row, field: where.field, raw: String(raw) },
      },
      message:
        `${where.record}, ${where.line}: the ${where.label} "${String(raw)}" from Ongoing is not a number of 0 or more. ` +
        'Nothing is reported for this record until it is corrected in Ongoing.',
      severity: 'error',
    },
  };
}

/** Still to report on one line: done − max(reported, base), never below 0. */
export function lineRemaining(done: number, reported: number, base: number | undefined): number {
  return Math.max(0, roundDecimal(done - Math.max(reported, base ?? 0)));
}

/** Specter's second quantity factor as used when the row was sent: 1 when empty, 0 or not a number. */
export function unitFactorOf(noOfItems2: number | null | undefined): number {
  return typeof noOfItems2 === 'number' && Number.isFinite(noOfItems2) && noOfItems2 > 0 ? noOfItems2 : 1;
}

/**
 * An Ongoing item count in Specter's unit (count ÷ factor), or a problem when the count is not a whole
 * multiple of the factor.
 */
export function toSpecterUnit(
  count: number,
  factor: number,
  where: { record: string; row: string; verb: string; number: string; rowNo: string },
): { value: number; problem?: undefined } | { value?: undefined; problem: MappingProblem } {
  if (factor === 1) return { value: roundDecimal(count) };
  const quotient = roundDecimal(count / factor);
  if (Number.isInteger(quotient)) return { value: quotient };
  return {
    problem: {
      record: where.record,
      field: 'noOfItems2',
      ref: {
        code: 'posting.notWholeMultiple',
        params: { number: where.number, rowNo: where.rowNo, count: roundDecimal(count), factor },
      },
      message:
        `${where.record}, ${where.row}: ${roundDecimal(count)} items ${where.verb} is not a whole multiple of the row's ` +
        `second quantity (no items2 = ${factor}), so it cannot be reported in Specter's unit. Correct the ${where.verb} ` +
        'count in Ongoing, or report the row in Specter by hand.',
      severity: 'error',
    },
  };
}

/** Earliest and latest delivery date a submit may carry, around today (yyyy-MM-dd). */
export function dateProblem(
  date: string,
  today: string | undefined,
  where: { record: string; field: string; number: string },
): MappingProblem | undefined {
  const tooEarly = date < '2000-01-01';
  let tooLate = false;
  if (today) {
    const limit = new Date(`${today}T00:00:00Z`);
    limit.setUTCFullYear(limit.getUTCFullYear() + 1);
    tooLate = date > limit.toISOString().slice(0, 10);
  }
  if (!tooEarly && !tooLate) return undefined;
  return {
    record: where.record,
    field: where.field,
    ref: { code: tooEarly ? 'posting.dateTooEarly' : 'posting.dateTooLate', params: { number: where.number, date } },
    message:
      `${where.record}: the delivery date ${date} from Ongoing is ${tooEarly ? 'before 2000' : 'more than a year ahead'}, ` +
      'so it is not posted to Specter. Correct the date in Ongoing.',
    severity: 'error',
  };
}

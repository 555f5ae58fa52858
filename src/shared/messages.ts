/**
 * Messages as codes. The core never builds sentences for the operator: it stores and sends a code with
 * parameters (record, field, raw value, numbers, times, the remote system's own text), and the
 * renderer, the tray and notifications say it in Swedish or English from the catalogue below.
 *
 * Parameters appear in a text as {name}. A parameter whose name ends in `At` or is `since` holds an ISO
 * time and is shown as the local clock time (HH:MM) of the UI language; numbers are shown in the UI
 * language's format; `remoteText` is the remote system's own words and is shown in quotes.
 */
import type { Language } from './i18n';
import { auditEn, auditSv } from './messages/audit-texts';
import { postingEn, postingSv } from './messages/posting-texts';
import { stockEn, stockSv } from './messages/stock-texts';
import { syncEn, syncSv } from './messages/sync-texts';

export type MessageParams = Record<string, string | number>;

export interface MessageRef {
  code: MessageCode;
  params?: MessageParams;
}

/**
 * A message as a code with its parameters (said in the operator's language by the UI) and the same
 * message in English, for the log and the stored text columns.
 */
export interface Notice {
  code: MessageCode;
  params: MessageParams;
  text: string;
}

export function notice(code: MessageCode, params: MessageParams = {}): Notice {
  return { code, params, text: renderMessage('en', { code, params }) };
}

/** The code and parameters of a notice (what goes to the renderer). */
export const refOf = (n: Notice): MessageRef => ({ code: n.code, params: n.params });

const healthSv = {
  'health.ok': 'Allt fungerar.',
  'health.system.ok': '{system} svarar.',
  'health.system.notYetCalled': '{system} har inte anropats ännu.',
  'health.system.notConfigured': '{system} är inte inställt: fyll i uppgifterna under Inställningar.',
  'health.system.unreachable': '{system} svarar inte sedan {since}.',
  'health.system.protocol': '{system} svarar med något appen inte kan läsa sedan {since}.',
  'health.system.authRefused':
    '{system} nekar inloggningen sedan {since}: kontrollera uppgifterna under Inställningar.',
  'health.system.slowDown': '{system} ber appen vänta (sedan {since}).',
  'health.flow.ok': 'Senaste körning lyckades {lastSuccessAt}.',
  'health.flow.off': 'Avstängd.',
  'health.flow.paused': 'Pausad.',
  'health.flow.neverRun': 'Har inte körts ännu.',
  'health.flow.failed': 'Senaste körningen misslyckades {since}.',
  'health.flow.noSuccessSince': 'Ingen lyckad körning sedan {since}.',
  'health.flow.noSuccessYet': 'Ingen lyckad körning sedan appen startade {since}.',
  'health.flow.missedSchedule': 'Skulle ha körts {nextRunAt} men har inte gjort det.',
  'health.flow.problems': '{count} problem väntar på åtgärd.',
  'health.waiting.deliveries': '{count} leveranser att bekräfta',
  'health.waiting.receipts': '{count} inleveranser att bekräfta',
  'health.waiting.inDoubt': '{count} osäkra att avgöra',
  'health.waiting.problems': '{count} problem att åtgärda',
  'system.specter': 'Specter',
  'system.ongoing': 'Ongoing',
  'tray.open': 'Öppna',
  'tray.syncNow': 'Synka nu',
  'tray.pause': 'Pausa',
  'tray.resume': 'Återuppta',
  'tray.quit': 'Avsluta',
  'notify.confirmations.title': 'Att bekräfta',
  'notify.systemFailing.title': '{system} fungerar inte',
  'notify.authRefused.title': '{system} nekar inloggningen',
  'notify.inDoubt.title': 'Ett beslut behövs',
  'notify.inDoubt.body': '{count} poster kunde inte avgöras automatiskt: titta i Specter och välj.',
} as const;

const sv = { ...healthSv, ...syncSv, ...postingSv, ...stockSv, ...auditSv };

export type MessageCode = keyof typeof sv;

const en: Record<MessageCode, string> = {
  ...syncEn,
  ...postingEn,
  ...stockEn,
  ...auditEn,
  'health.ok': 'Everything works.',
  'health.system.ok': '{system} answers.',
  'health.system.notYetCalled': '{system} has not been called yet.',
  'health.system.notConfigured': '{system} is not set up: fill in its details under Settings.',
  'health.system.unreachable': '{system} has not answered since {since}.',
  'health.system.protocol': '{system} has answered with something the app cannot read since {since}.',
  'health.system.authRefused': '{system} has refused the login since {since}: check the details under Settings.',
  'health.system.slowDown': '{system} asks the app to wait (since {since}).',
  'health.flow.ok': 'Last run succeeded at {lastSuccessAt}.',
  'health.flow.off': 'Off.',
  'health.flow.paused': 'Paused.',
  'health.flow.neverRun': 'Has not run yet.',
  'health.flow.failed': 'The last run failed at {since}.',
  'health.flow.noSuccessSince': 'No successful run since {since}.',
  'health.flow.noSuccessYet': 'No successful run since the app started at {since}.',
  'health.flow.missedSchedule': 'Was due at {nextRunAt} but has not run.',
  'health.flow.problems': '{count} problems wait for action.',
  'health.waiting.deliveries': '{count} deliveries to confirm',
  'health.waiting.receipts': '{count} receipts to confirm',
  'health.waiting.inDoubt': '{count} in doubt to decide',
  'health.waiting.problems': '{count} problems to fix',
  'system.specter': 'Specter',
  'system.ongoing': 'Ongoing',
  'tray.open': 'Open',
  'tray.syncNow': 'Sync now',
  'tray.pause': 'Pause',
  'tray.resume': 'Resume',
  'tray.quit': 'Quit',
  'notify.confirmations.title': 'To confirm',
  'notify.systemFailing.title': '{system} is not working',
  'notify.authRefused.title': '{system} refuses the login',
  'notify.inDoubt.title': 'A decision is needed',
  'notify.inDoubt.body': '{count} postings could not be decided automatically: look in Specter and choose.',
};

export const MESSAGE_TEXTS: Record<Language, Record<MessageCode, string>> = { sv, en };

const LOCALE: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Parameters whose value is a short code said from the catalogue (`job.orders`, `doing.connect`, …). */
const SUB_MESSAGES = new Set(['job', 'kind', 'doing', 'cause', 'wait', 'actor']);

/** A parameter's value as shown: times as local HH:MM, numbers in the language's format. */
export function formatParam(
  language: Language,
  name: string,
  value: string | number,
  timeZone?: string,
  params?: MessageParams,
): string {
  if (SUB_MESSAGES.has(name) && typeof value === 'string') {
    const code = `${name}.${value}`;
    if (code in MESSAGE_TEXTS[language]) return fillTemplate(language, code as MessageCode, params ?? {}, timeZone);
  }
  if (typeof value === 'number') return new Intl.NumberFormat(LOCALE[language]).format(value);
  if ((name === 'since' || name.endsWith('At')) && !Number.isNaN(Date.parse(value))) {
    return new Intl.DateTimeFormat(LOCALE[language], { hour: '2-digit', minute: '2-digit', timeZone }).format(
      new Date(value),
    );
  }
  if (name === 'system' && (value === 'specter' || value === 'ongoing'))
    return MESSAGE_TEXTS[language][`system.${value}`];
  if (name === 'remoteText') return `”${value}”`;
  return value;
}

/** The message in the given language, its parameters filled in. Unknown parameters stay visible as {name}. */
export function renderMessage(language: Language, ref: MessageRef, timeZone?: string): string {
  return fillTemplate(language, ref.code, ref.params ?? {}, timeZone);
}

function fillTemplate(language: Language, code: MessageCode, params: MessageParams, timeZone?: string): string {
  const template = MESSAGE_TEXTS[language][code] ?? MESSAGE_TEXTS.sv[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    // A sub-message's own parameters come from the same bag; it never names itself, so this ends.
    return value === undefined ? whole : formatParam(language, name, value, timeZone, params);
  });
}

/** True when the string is a code of the catalogue (a stored code from an older version may not be). */
export function isMessageCode(code: string): code is MessageCode {
  return code in MESSAGE_TEXTS.sv;
}

/** The parameter names a code's text uses (for the completeness test). */
export function paramsOf(language: Language, code: MessageCode): string[] {
  return [...MESSAGE_TEXTS[language][code].matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

const paramNames = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

/**
 * What is wrong with a catalogue: a code without a text in one of the languages, or a code whose two
 * texts use different parameters (one language would leave out something the other says). Empty when
 * the catalogue is complete; the unit test holds the real catalogue to it.
 */
export function catalogueProblems(texts: Record<Language, Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const codes = new Set([...Object.keys(texts.sv), ...Object.keys(texts.en)]);
  for (const code of codes) {
    const sv = texts.sv[code];
    const en = texts.en[code];
    if (!sv?.trim()) problems.push(`${code}: no Swedish text`);
    if (!en?.trim()) problems.push(`${code}: no English text`);
    if (sv && en && paramNames(sv).join(',') !== paramNames(en).join(',')) {
      problems.push(`${code}: Swedish uses {${paramNames(sv).join('}, {')}}, English {${paramNames(en).join('}, {')}}`);
    }
  }
  return problems;
}

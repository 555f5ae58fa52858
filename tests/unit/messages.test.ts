import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/shared/i18n';
import { auditRef } from '../../src/shared/audit-text';
import { catalogueProblems, MESSAGE_TEXTS, notice, renderMessage } from '../../src/shared/messages';

describe('the message catalogue', () => {
  it('has a text in Swedish and English for every code, both with the same parameters', () => {
    expect(catalogueProblems(MESSAGE_TEXTS)).toEqual([]);
    expect(catalogueProblems(MESSAGES)).toEqual([]);
  });

  it('the check finds a missing text and a parameter only one language uses', () => {
    const broken = {
      sv: { 'a.one': 'Order {key} saknas.', 'a.two': 'Hej {name}.' },
      en: { 'a.one': 'Order {key} is missing ({reason}).' },
    };
    expect(catalogueProblems(broken)).toEqual([
      'a.one: Swedish uses {key}, English {key}, {reason}',
      'a.two: no English text',
    ]);
  });

  it('says a stopped run in either language from the same code and parameters', () => {
    const ref = {
      code: 'run.unreachable',
      params: {
        job: 'orders',
        doing: 'send',
        kind: 'order',
        key: '1001',
        system: 'ongoing',
        cause: 'http',
        status: 503,
      },
    } as const;
    expect(renderMessage('sv', ref)).toBe(
      'Ordersynken stoppade när den skickar Order 1001 till Ongoing: Ongoing gick inte att nå (HTTP 503). ' +
        'Det som redan gjorts sparas; synken försöker igen av sig själv.',
    );
    expect(renderMessage('en', ref)).toBe(
      'The order sync stopped while sending Order 1001 to Ongoing: Ongoing could not be reached (HTTP 503). ' +
        'What was done before is kept; the sync tries again automatically.',
    );
  });

  it('quotes the remote system’s own words and keeps them as they are', () => {
    const n = notice('record.refused', {
      kind: 'article',
      key: 'A-1',
      cause: 'httpSaid',
      status: 400,
      remoteText: 'ArticleName too long',
    });
    expect(n.text).toBe(
      'Ongoing refused Article A-1 (HTTP 400: ”ArticleName too long”). Correct it in Specter; it is tried again on every run.',
    );
    expect(renderMessage('sv', n)).toContain('Ongoing nekade Artikel A-1 (HTTP 400: ”ArticleName too long”)');
  });

  it('shows times as the local clock time and numbers in the language’s format', () => {
    const nextAt = new Date(2026, 0, 1, 11, 15).toISOString();
    const ref = {
      code: 'run.wait_requested',
      params: { job: 'stock', doing: 'stock', system: 'specter', seconds: 3600, nextAt },
    } as const;
    expect(renderMessage('sv', ref)).toContain('vänta 3\u00a0600 s; nästa försök 11:15');
    expect(renderMessage('en', ref)).toContain('wait 3,600 s; next try at 11:15');
  });
});

describe('audit sentences', () => {
  it('says a posting step with who did it and which posting, in either language', () => {
    const ref = auditRef({ actor: 'operator', action: 'delivery.confirm', subject: 'delivery #3 1001' });
    expect(ref).toEqual({
      code: 'audit.posting.confirm',
      params: { actor: 'operator', kind: 'delivery', subject: '#3 1001' },
    });
    expect(renderMessage('sv', ref)).toBe('Operatören bekräftade Leverans #3 1001.');
    expect(renderMessage('en', ref)).toBe('The operator confirmed Delivery #3 1001.');
  });

  it('shows an action it has no sentence for as it is, rather than hiding it', () => {
    const ref = auditRef({ actor: 'system', action: 'future.thing', subject: 'x' });
    expect(renderMessage('en', ref)).toBe('The app: future.thing x');
  });
});

import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/shared/messages';
import { foreignTexts } from '../e2e/language-check';

const page = (whole: string, pieces: string[] = whole.split('\n')) => ({ whole, pieces });

const stopped = {
  code: 'run.unreachable',
  params: { job: 'orders', doing: 'connect', system: 'ongoing', cause: 'network' },
} as const;

describe('the other-language check of the e2e walk', () => {
  it('passes a Swedish page with Swedish texts, data and words both languages share', () => {
    const text = ['Översikt', 'Ongoing', 'Specter', 'ok', renderMessage('sv', stopped), 'Ullsocka grå 1 234'].join(
      '\n',
    );
    expect(foreignTexts(page(text), 'en')).toEqual([]);
  });

  it('finds an English sentence said from a message code on a Swedish page', () => {
    const text = ['Översikt', renderMessage('en', stopped)].join('\n');
    expect(foreignTexts(page(text), 'en')).toContain(
      'What was done before is kept; the sync tries again automatically',
    );
  });

  it('finds an English badge or label that stands alone', () => {
    expect(foreignTexts(page('Order\nsynced\n12'), 'en')).toEqual(['synced']);
    expect(foreignTexts(page('Aktivitet\nAudit log'), 'en')).toEqual(['Audit log']);
  });

  it('finds Swedish on an English page likewise', () => {
    const text = ['Overview', renderMessage('sv', stopped), 'synkad'].join('\n');
    const found = foreignTexts(page(text), 'sv');
    expect(found).toContain('synkad');
    expect(found.some((f) => f.includes('försöker igen av sig själv'))).toBe(true);
    expect(foreignTexts(page(['Overview', renderMessage('en', stopped)].join('\n')), 'sv')).toEqual([]);
  });
});

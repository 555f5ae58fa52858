/**
 * Finds text of the other language on a page: the visible text is checked against every text of both
 * catalogues (UI strings in i18n.ts, message codes in messages.ts) in the language that must not show.
 *
 * - A text without parameters (a label, a badge, a state) counts when a visible piece of text (one text
 *   node, a placeholder) is exactly that text.
 * - A text with parameters counts when a fixed stretch of it (between parameters, at least three words)
 *   appears anywhere in the page's visible text.
 * Only texts and stretches that no text of the expected language contains are used, so words both
 * languages share ("Specter", "Ongoing", "ok") never count.
 */
import { MESSAGES, type Language } from '../../src/shared/i18n';
import { MESSAGE_TEXTS } from '../../src/shared/messages';

export interface PageText {
  /** The page's visible text as a whole. */
  whole: string;
  /** Each visible text node and placeholder, trimmed. */
  pieces: string[];
}

interface Probes {
  exact: Set<string>;
  stretches: string[];
}

const cache = new Map<Language, Probes>();

function catalogue(language: Language): string[] {
  return [...Object.values(MESSAGES[language]), ...Object.values(MESSAGE_TEXTS[language])];
}

/** The probes that betray `foreign` text on a page meant to be in the other language. */
export function probesFor(foreign: Language): Probes {
  const known = cache.get(foreign);
  if (known) return known;
  const own: Language = foreign === 'sv' ? 'en' : 'sv';
  const ownTexts = catalogue(own);
  const ownAll = ownTexts.join('\n');
  const ownExact = new Set(ownTexts.map((t) => t.trim()));
  const exact = new Set<string>();
  const stretches = new Set<string>();
  for (const text of catalogue(foreign)) {
    if (!/\{\w+\}/.test(text)) {
      const t = text.trim();
      if (/\p{L}{2,}/u.test(t) && !ownExact.has(t)) exact.add(t);
    }
    for (const part of text.split(/\{\w+\}/)) {
      const stretch = part.replace(/^[\s.,:;()–-]+|[\s.,:;()–-]+$/g, '');
      if (stretch.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 3 && !ownAll.includes(stretch)) {
        stretches.add(stretch);
      }
    }
  }
  const probes = { exact, stretches: [...stretches] };
  cache.set(foreign, probes);
  return probes;
}

/** Every text of the `foreign` language found on the page (empty when there is none). */
export function foreignTexts(page: PageText, foreign: Language): string[] {
  const { exact, stretches } = probesFor(foreign);
  const found = new Set<string>();
  for (const piece of page.pieces) if (exact.has(piece)) found.add(piece);
  const whole = page.whole.replace(/\s+/g, ' ');
  for (const stretch of stretches) if (whole.includes(stretch)) found.add(stretch);
  return [...found];
}

import { useEffect, useState } from 'react';
import type { Posting, PostingDecision, PostingKind, PostingState } from '../../shared/domain/postings';
import type { MessageKey } from '../../shared/i18n';
import { getApi } from '../api';
import { useApiData } from '../hooks';
import { useAppStore, useMessages, useT } from '../store';
import { type DecisionOutcome, PostingCard } from './postings/PostingCard';

const FILTERS: Record<'pending' | 'done' | 'rejected' | 'all', PostingState[] | undefined> = {
  pending: ['proposed', 'held', 'confirmed', 'sending', 'in_doubt', 'failed'],
  done: ['done'],
  rejected: ['rejected'],
  all: undefined,
};

const FILTER_LABEL: Record<keyof typeof FILTERS, MessageKey> = {
  pending: 'postings.pending',
  done: 'postings.done',
  rejected: 'postings.rejected',
  all: 'common.all',
};

/**
 * Decisions on an in-doubt posting move it out of the "to handle" list; its card stays on the page with
 * the answer until the operator closes it, so the outcome of "mark done" or "send again" is not lost.
 */
const KEEP_CARD: PostingDecision[] = ['mark_done', 'send_again'];

interface Decided extends DecisionOutcome {
  posting: Posting | null;
}

/** Confirmation cards for delivery submits (kind 'delivery') or purchase delivery submits ('receipt'). */
export function PostingsPage({ kind }: { kind: PostingKind }) {
  const t = useT();
  const say = useMessages();
  const act = useAppStore((s) => s.act);
  const [filter, setFilter] = useState<keyof typeof FILTERS>('pending');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [decided, setDecided] = useState<Map<number, Decided>>(new Map());
  const [pending, setPending] = useState<Set<number>>(new Set());
  const postings = useApiData(() => getApi().listPostings({ kind, states: FILTERS[filter] }), [kind, filter]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page (deliveries ⇄ receipts) starts afresh
  useEffect(() => {
    setSelected(new Set());
    setDecided(new Map());
  }, [kind]);

  const withId = <T,>(set: Set<T>, id: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  const decide = async (posting: Posting, decision: PostingDecision, reason?: string): Promise<boolean> => {
    setPending((s) => withId(s, posting.id, true));
    let ok = false;
    await act(async () => {
      const [result] = await getApi().decidePostings({ ids: [posting.id], decision, reason });
      if (!result) throw new Error(`#${posting.id}`);
      ok = result.ok;
      setDecided((m) =>
        new Map(m).set(posting.id, {
          decision,
          ok,
          refs: result.refs,
          state: result.posting?.state ?? null,
          posting: result.posting,
        }),
      );
    });
    setPending((s) => withId(s, posting.id, false));
    return ok;
  };

  const confirmSelected = () =>
    act(async () => {
      const results = await getApi().decidePostings({ ids: [...selected], decision: 'confirm' });
      setSelected(new Set());
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new Error(failed.map((r) => say(r.refs)).join(' '));
    });

  const listed = postings.data ?? [];
  const listedIds = new Set(listed.map((p) => p.id));
  const kept = [...decided.values()].filter(
    (d): d is Decided & { posting: Posting } =>
      d.posting !== null && d.posting.kind === kind && KEEP_CARD.includes(d.decision) && !listedIds.has(d.posting.id),
  );
  const card = (p: Posting) => (
    <PostingCard
      key={p.id}
      posting={p}
      selected={selected.has(p.id)}
      onSelect={(on) => setSelected(withId(selected, p.id, on))}
      outcome={decided.get(p.id)}
      pending={pending.has(p.id)}
      onDecide={decide}
    />
  );

  return (
    <section>
      <h1>{t(kind === 'delivery' ? 'nav.deliveries' : 'nav.receipts')}</h1>
      <div className="toolbar">
        {(Object.keys(FILTERS) as (keyof typeof FILTERS)[]).map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? '' : 'secondary'}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {t(FILTER_LABEL[f])}
          </button>
        ))}
        <button type="button" disabled={selected.size === 0} onClick={() => void confirmSelected()}>
          {t('postings.confirmSelected')} ({selected.size})
        </button>
      </div>
      {postings.error && <p className="banner error">{postings.error}</p>}
      {kept.map((d) => (
        <div key={d.posting.id} className="just-decided">
          <p className="toolbar muted">
            {t('postings.justDecided')}
            <button
              type="button"
              className="secondary"
              onClick={() =>
                setDecided((m) => {
                  const next = new Map(m);
                  next.delete(d.posting.id);
                  return next;
                })
              }
            >
              {t('common.close')}
            </button>
          </p>
          {card(d.posting)}
        </div>
      ))}
      {postings.data?.length === 0 && kept.length === 0 && (
        <p className="empty">{t(kind === 'delivery' ? 'empty.deliveries' : 'empty.receipts')}</p>
      )}
      {listed.map(card)}
    </section>
  );
}

/** The soak's printed figures and violations. */
import type { SoakReport } from './run';

export function formatReport(r: SoakReport): string {
  const lines: string[] = [];
  const f = r.figures;
  const aimed = (mode: string) => {
    const all = r.kills.filter((k) => k.mode === mode);
    return `${all.filter((k) => k.send !== null).length}/${all.length}`;
  };
  lines.push(`Soak: seed ${r.seed}, ${r.minutes} min warehouse day, ${r.killsAsked} kills asked`);
  lines.push(
    `Duration: day ${r.seconds.day} s, settle ${r.seconds.settle} s (${r.settled ? 'quiet' : 'NOT quiet'}), total ${r.seconds.total} s`,
  );
  lines.push(
    `Kills: ${r.kills.length} SIGKILLs: aimed at a submit as it arrived in Specter ${aimed('arrived')}, as Specter answered it ${aimed('answered')} (hit/aimed); at any time ${r.kills.filter((k) => k.mode === 'anytime').length}; app started ${f.appStarts} times`,
  );
  lines.push(
    `Faults injected: ${r.faultTotal} in ${r.calls.specter} Specter and ${r.calls.ongoing} Ongoing calls (${f.writeFaultsQueued} one-shot write faults queued)`,
  );
  for (const c of r.faults) {
    lines.push(
      `  ${c.system.padEnd(8)} ${c.kind.padEnd(15)} ${c.phase.padEnd(7)} ${c.target.padEnd(55)} ${String(c.count).padStart(5)}`,
    );
  }
  lines.push(
    `Orders: ${f.ordersCreated} created, ${f.ordersShipped} shipped. Purchases: ${f.purchasesCreated} created, ${f.receiptSteps} receipt steps, ${f.quickPairsMade} of ${f.quickPairsPlanned} right after the previous posting appeared`,
  );
  lines.push(
    `Specter: ${r.specter.deliveries} deliveries (${r.specter.deliveredItems} items), ${r.specter.purchaseDeliveries} purchase deliveries (${r.specter.receivedItems} items); ${r.specter.deliveriesWithReference} carry a posting reference`,
  );
  lines.push(
    `Postings: ${
      Object.entries(r.postings)
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
  );
  lines.push(`Violations: ${r.violations.length}`);
  for (const v of r.violations) {
    const numbers = v.numbers
      ? ` [Specter ${v.numbers.specter} | Ongoing ${v.numbers.ongoing} | reported ${v.numbers.reported}]`
      : '';
    lines.push(`  ${v.invariant}: ${v.record}${v.row ? ` — ${v.row}` : ''}${numbers}: ${v.message}`);
  }
  lines.push(`Work folder (data folder, logs; removed when every invariant holds, unless --keep): ${r.workDir}`);
  return lines.join('\n');
}

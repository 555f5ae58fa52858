/**
 * A second app process for the crash test: opens an existing data folder (pointed at the simulators the
 * test runs) and confirms one posting, which sends it to Specter. The test kills this process with
 * SIGKILL while the submit is in flight.
 *
 *   node --import tsx tests/helpers/postings-child.ts <dataDir> <postingId>
 *
 * Prints one JSON line per step on stdout: {"step":"confirming"} and, if it lives that long,
 * {"step":"decided","results":[…]}.
 */
import { createAppContext } from '../../src/main/core/app-context';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import { createRemoteClients } from '../../src/main/core/remote-clients';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import type { SyncDeps } from '../../src/main/core/sync/deps';
import { ONGOING_DEMO_USER } from '../../src/main/simulators/ongoing/fixture';
import { SPECTER_DEMO_CREDENTIALS } from '../../src/main/simulators/specter/demo-fixture';

async function main(): Promise<void> {
  const [dataDir, idText] = process.argv.slice(2);
  const postingId = Number(idText);
  if (!dataDir || !Number.isInteger(postingId)) {
    throw new Error('Usage: postings-child.ts <dataDir> <postingId>');
  }
  // The simulators' fixed demo credentials (they open only the local simulators).
  const secrets = new MemorySecretStore({
    'specter.apiUserKey': SPECTER_DEMO_CREDENTIALS.apiUserKey,
    'specter.integrationKey': SPECTER_DEMO_CREDENTIALS.integrationKey,
    'ongoing.password': ONGOING_DEMO_USER.password,
  });
  const context = createAppContext({ dataDir, secrets, mode: 'headless' });
  const deps: SyncDeps = {
    db: context.db,
    clients: createRemoteClients({ settings: () => context.settings.get(), secrets, timeoutMs: 30_000 }),
    settings: () => context.settings.get(),
    settingsRepo: context.settings,
    records: context.records,
    exceptions: context.exceptions,
    watermarks: context.watermarks,
    postings: context.postings,
    audit: context.audit,
    events: context.events,
    logger: context.logger,
    now: () => new Date(),
  };
  const postings = createPostingService(deps);
  process.stdout.write(`${JSON.stringify({ step: 'confirming', postingId })}\n`);
  const results = await postings.decide([postingId], 'confirm', 'operator');
  process.stdout.write(
    `${JSON.stringify({ step: 'decided', results: results.map((r) => ({ ok: r.ok, state: r.posting?.state })) })}\n`,
  );
  context.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

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
import { demoSecretStore } from '../../src/main/headless/demo';

async function main(): Promise<void> {
  const [dataDir, idText] = process.argv.slice(2);
  const postingId = Number(idText);
  if (!dataDir || !Number.isInteger(postingId)) {
    throw new Error('Usage: postings-child.ts <dataDir> <postingId>');
  }
  const context = createAppContext({
    dataDir,
    secrets: demoSecretStore(),
    mode: 'headless',
    clientTimeoutMs: 30_000,
    ownsJobs: { command: 'test child' },
  });
  const deps = context.deps;
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

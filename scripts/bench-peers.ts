/**
 * The benchmark's remote side: both simulators in a process of their own, as the real Specter and
 * Ongoing are, so their CPU time is not counted as the app's. Started by bench-sync.ts:
 *   node --import tsx scripts/bench-peers.ts <fixture.json> <latencyMs>
 * Prints one JSON line with the simulators' URLs, then serves until its stdin closes.
 */
import fs from 'node:fs';
import { startDemoEnvironment } from '../src/main/headless/demo';

const [fixturePath, latency] = process.argv.slice(2);
if (!fixturePath) {
  console.error('Usage: bench-peers.ts <fixture.json> <latencyMs>');
  process.exit(2);
}
const env = await startDemoEnvironment({
  specterFixture: JSON.parse(fs.readFileSync(fixturePath, 'utf8')),
  latencyMs: Number(latency ?? 0),
});
process.stdout.write(
  `${JSON.stringify({
    specterUrl: env.specter.url,
    ongoingUrl: env.ongoing.url,
    ongoingControl: env.ongoing.controlUrl,
    settings: env.settingsPatch,
  })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void env.close().then(() => process.exit(0));
});

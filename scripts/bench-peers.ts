/**
 * The benchmark's remote side: both simulators in a process of their own, as the real Specter and
 * Ongoing are, so their CPU time is not counted as the app's. Started by bench-sync.ts:
 *   node --import tsx scripts/bench-peers.ts <fixture.json> <latencyMs>
 * Prints one JSON line with the simulators' URLs, then serves until its stdin closes. Commands, one
 * per stdin line, each answered by one line 'ok' (or 'error <text>'):
 *   load <fixture.json>   Specter starts over with this fixture (data and article feed); its calls are cleared
 *   latency <ms>          both simulators answer after this many ms
 *   clear-calls           Ongoing's recorded calls are cleared
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { startDemoEnvironment } from '../src/main/headless/demo';
import { normalizeFixture } from '../src/main/simulators/specter/fixture';

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

async function command(line: string): Promise<void> {
  const [name, arg = ''] = line.trim().split(/\s+/, 2);
  if (name === 'load') {
    env.specter.state.load(normalizeFixture(JSON.parse(fs.readFileSync(arg, 'utf8'))));
    env.specter.clearCalls();
  } else if (name === 'latency') {
    const ms = Number(arg);
    env.specter.latencyMs = ms;
    env.ongoing.warehouse.setLatency(ms);
  } else if (name === 'clear-calls') {
    env.ongoing.clearCalls();
  } else {
    throw new Error(`unknown command "${line.trim()}"`);
  }
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  command(line).then(
    () => process.stdout.write('ok\n'),
    (error: unknown) => process.stdout.write(`error ${error instanceof Error ? error.message : String(error)}\n`),
  );
});
lines.on('close', () => {
  void env.close().then(() => process.exit(0));
});

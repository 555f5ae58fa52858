/**
 * Starting a soak: a small Specter catalogue as the Specter simulator's fixture, both simulators as
 * processes of their own, and the app configured through its own command line (`config set`, and
 * `secrets set` into the keychain of the private session the soak runs in), then started with `serve`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createSpecterDemoFixture,
  SPECTER_DEMO_CREDENTIALS,
  type SpecterFixture,
} from '../../src/main/simulators/specter';
import { ONGOING_DEMO_USER } from '../../src/main/simulators/ongoing';
import type { SoakOptions } from './context';
import { runCli, type SimulatorProcess, startSimulator } from './processes';

export interface Catalogue {
  fixture: SpecterFixture;
  articleNos: string[];
  customerIds: string[];
  supplierNos: string[];
}

/** 16 articles, their suppliers and a handful of customers from the demo catalogue; no orders or purchases. */
export function soakCatalogue(seed: number): Catalogue {
  const demo = createSpecterDemoFixture(seed);
  const articles = (demo.articles ?? []).slice(0, 16);
  const articleNos = articles.map((a) => a.articleNo);
  const supplierNos = [...new Set(articles.flatMap((a) => (a.suppliers ?? []).map((s) => String(s.supplierNo))))];
  const customers = (demo.customers ?? []).slice(0, 6);
  const fixture: SpecterFixture = {
    stockSites: demo.stockSites,
    articles,
    customers,
    suppliers: (demo.suppliers ?? []).filter((s) => supplierNos.includes(String(s.supplierNo))),
    orders: [],
    purchases: [],
    stock: (demo.stock ?? []).filter((s) => articleNos.includes(s.articleNo)),
  };
  return { fixture, articleNos, customerIds: customers.map((c) => String(c.customerId)), supplierNos };
}

export interface Peers {
  specter: SimulatorProcess;
  ongoing: SimulatorProcess;
  stop(): Promise<void>;
}

export async function startPeers(options: SoakOptions, catalogue: Catalogue, workDir: string): Promise<Peers> {
  const fixtureFile = path.join(workDir, 'specter-fixture.json');
  fs.writeFileSync(fixtureFile, JSON.stringify(catalogue.fixture, null, 2));
  const latency = ['--latency', String(options.latencyMs)];
  const [specter, ongoing] = await Promise.all([
    startSimulator('specter', ['--fixture', fixtureFile, ...latency], path.join(workDir, 'specter-sim.log')),
    // Articles the app creates get ample stock, so every planned pick can be made.
    startSimulator('ongoing', [...latency, '--new-article-stock', '100000'], path.join(workDir, 'ongoing-sim.log')),
  ]);
  return {
    specter,
    ongoing,
    stop: async () => {
      await Promise.all([specter.stop(), ongoing.stop()]);
    },
  };
}

/** Point the app at the simulators through its command line, as a user would. */
export async function configureApp(dataDir: string, peers: Peers): Promise<void> {
  const set = (key: string, value: string) => runCli(['config', 'set', key, value, '--data-dir', dataDir]);
  await set('specter.baseUrl', peers.specter.url);
  await set('specter.sbmId', SPECTER_DEMO_CREDENTIALS.sbmId);
  await set('specter.apiUserId', SPECTER_DEMO_CREDENTIALS.apiUserId);
  await set('specter.stockSiteId', '1');
  await set('ongoing.warehouse', peers.ongoing.url);
  await set('ongoing.user', ONGOING_DEMO_USER.user);
  await set('ongoing.goodsOwnerId', String(ONGOING_DEMO_USER.goodsOwnerId));
  const secret = (name: string, value: string) => runCli(['secrets', 'set', name, '--data-dir', dataDir], `${value}\n`);
  await secret('specter.apiUserKey', SPECTER_DEMO_CREDENTIALS.apiUserKey);
  await secret('specter.integrationKey', SPECTER_DEMO_CREDENTIALS.integrationKey);
  await secret('ongoing.password', ONGOING_DEMO_USER.password);
}

export { runSpecterSimulatorCli } from './cli';
export { createSpecterDemoFixture, SPECTER_DEMO_CREDENTIALS } from './demo-fixture';
export {
  loadSpecterFixtureFile,
  type NormalizedSpecterFixture,
  normalizeFixture,
  type SpecterFixture,
  type SpecterFixtureArticle,
  type SpecterFixtureCustomer,
  type SpecterFixtureOrder,
  type SpecterFixturePurchase,
  type SpecterFixtureSupplier,
} from './fixture';
export {
  REDACTED,
  type SpecterSimCall,
  type SpecterSimulator,
  type SpecterSimulatorOptions,
  startSpecterSimulator,
} from './server';
export {
  type OrderPatch,
  type SimDelivery,
  type SimOrder,
  type SimPurchase,
  type SimPurchaseDelivery,
  type SimStockUpdate,
  SpecterSimError,
  SpecterSimState,
} from './state';

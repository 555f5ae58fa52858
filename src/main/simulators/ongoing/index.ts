export * from './cli';
export * from './fixture';
export * from './schema';
export * from './simulator';
export * from './state';
export * from './warehouse-clock';

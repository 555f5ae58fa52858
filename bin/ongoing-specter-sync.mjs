#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so no build step is needed for the headless app.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/headless/main.ts');

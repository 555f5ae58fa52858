import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Bundles the headless command-line app (`serve`, `sync`, `status`, `config`, `secrets`, `sim`) as one
 * ES module, dist/cli/cli.mjs, built like the Electron main: no TypeScript is compiled at run time.
 * Packages are loaded from node_modules at run time; native modules (better-sqlite3, keytar) always are.
 * bin/ongoing-specter-sync.mjs runs this bundle.
 */
export default defineConfig({
  build: {
    outDir: process.env.OSS_CLI_OUT_DIR ?? 'dist/cli',
    emptyOutDir: true,
    ssr: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { cli: 'src/main/headless/main.ts' },
      external: ['better-sqlite3', 'keytar', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: '[name].mjs', codeSplitting: false },
    },
  },
});

import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Bundles the Electron main process and the preload script as CommonJS into dist/electron.
 * Native modules stay external and are loaded from node_modules at run time.
 */
export default defineConfig({
  build: {
    outDir: 'dist/electron',
    emptyOutDir: true,
    ssr: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { main: 'src/main/electron/main.ts', preload: 'src/main/electron/preload.ts' },
      external: ['electron', 'better-sqlite3', 'keytar', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});

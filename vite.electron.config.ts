import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Bundles the Electron main process (`--mode main`) and the preload script (`--mode preload`) as
 * CommonJS into dist/electron. The preload runs sandboxed, where only 'electron' can be required, so it
 * is built on its own into one self-contained file. Native modules stay external for the main process.
 */
export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  const input: Record<string, string> = preload
    ? { preload: 'src/main/electron/preload.ts' }
    : { main: 'src/main/electron/main.ts' };
  return {
    build: {
      outDir: process.env.OSS_ELECTRON_OUT_DIR ?? 'dist/electron',
      emptyOutDir: !preload,
      ssr: true,
      target: 'node20',
      sourcemap: true,
      rollupOptions: {
        input,
        external: preload
          ? ['electron']
          : ['electron', 'better-sqlite3', 'keytar', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
    ssr: preload ? { noExternal: true } : undefined,
  };
});

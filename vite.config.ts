import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer: one React app served by Electron (file://) and by the headless HTTP bridge. */
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});

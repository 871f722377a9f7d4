// Vite build of the verifier page: `npm run build:web` → examples/verifier-web/dist/, a static
// site (relative URLs, so it works from any path or a file server).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // The repository's .env files and public/ folder are not the page's.
  envDir: false,
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The verifier (JSON-LD, schemas, crypto) is one big chunk by nature; say so once instead of warning.
    chunkSizeWarningLimit: 2048,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});

// Vite build of the verifier page: `npm run build:web` → examples/verifier-web/dist/, a static
// site (relative URLs, so it works from any path or a file server).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Everything runs in the page; nothing is sent anywhere unless network lookups are allowed, and then
// only over https. No 'unsafe-eval': every JSON Schema is precompiled (src/schema/generated for the
// credential schemas, src/pathway/generated for the pathway schema), so nothing calls `new Function`
// (test:browser fails on any CSP violation, and verifies a pathway proof). Only in the build: the
// dev server injects inline styles and scripts.
const CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy: Plugin = {
  name: 'verifier-web-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
      injectTo: 'head-prepend',
    },
  ],
};

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
  plugins: [contentSecurityPolicy],
  logLevel: 'warn',
});

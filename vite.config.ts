import { defineConfig } from 'vite';

// The dashboard: web/ is the Vite root, built into dist/ which the Hono server serves.
// `npm run dev:web` runs Vite with /api proxied to the server on PORT (default 3000).
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` } },
});

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Formats that are compressed already: a .br or .gz copy would not be smaller. */
const COMPRESSED = /\.(png|jpe?g|gif|webp|avif|woff2?|br|gz|zip)$/i;

/**
 * Writes `file.br` (brotli, quality 11) and `file.gz` (gzip -9) beside every file of the build,
 * so that the server sends them as they are to a browser that accepts them (server/web/static.routes.ts).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tietkiem:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (COMPRESSED.test(file)) continue;
        const raw = fs.readFileSync(file);
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(raw, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
      }
    },
  };
}

/**
 * Modules of the first load and the small helpers shared by the views (see `codeSplitting`): Lit,
 * and these paths (a folder ends in '/'). Not the XLSX writer (export/xlsx.ts), loaded on demand.
 */
const SHELL_PATHS = [
  'web/src/main.ts',
  'web/src/api-client.ts',
  'web/src/format.ts',
  'web/src/app-shell/',
  'web/src/i18n/',
  'web/src/styles/',
  'web/src/components/task-state/',
  'web/src/components/scope-picker/',
  'web/src/components/unit-picker/',
  'web/src/components/coverage-note/',
  'web/src/components/export-buttons/',
  'web/src/export/table-export.ts',
  'web/src/views/registry.ts',
  'web/src/views/drill.ts',
  'web/src/views/scoped-view.ts',
  'web/src/views/login/user-menu.ts',
  'web/src/views/login/auth-client.ts',
  'domain/months.ts',
  'domain/coverage.ts',
  'domain/spreadsheet.ts',
];
const LIT = /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/][a-z-]+)[\\/]/;
const inShell = (id: string) => {
  const file = id.split(path.sep).join('/');
  return LIT.test(id) || SHELL_PATHS.some((p) => file.endsWith(p) || (p.endsWith('/') && file.includes(`/${p}`)));
};

// The dashboard: web/ is the Vite root, built into dist/ which the Hono server serves.
// `npm run dev:web` runs Vite with /api proxied to the server on PORT (default 3000).
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // The shell, Lit and the small helpers every view shares in one chunk: left to itself the
        // bundler cut them into seven files of 0.4–4.5 KB, each one more request on the first
        // load's critical path (on a busy 2-core machine the browser took 50–250 ms per request
        // however fast the server answered, and HTTP/1.1 gives a page six connections). Views,
        // Chart.js and the XLSX writer stay lazy.
        codeSplitting: { groups: [{ name: 'shell', test: inShell }] },
      },
    },
  },
  plugins: [precompress()],
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` } },
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Brotli and gzip copies of every text file the build writes (over 1 KB), for the server to
 * send as they are (@fastify/static `preCompressed`): a village phone on a slow line gets a
 * third of the bytes, and the server spends no CPU compressing per request.
 */
const precompress = (): Plugin => ({
  name: 'fazhi-precompress',
  apply: 'build',
  writeBundle(options, bundle) {
    const dir = options.dir ?? 'dist';
    for (const name of [...Object.keys(bundle), 'index.html']) {
      if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
      const file = path.join(dir, name);
      let body: Buffer;
      try { body = readFileSync(file); } catch { continue; }
      if (body.length < 1024) continue;
      writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    }
  },
});

// One SPA for the public portal (/) and the console (/console/*); the Fastify server serves dist/.
/**
 * For each page, the chunks it needs beyond the entry's (`route-preloads.json`): the server
 * names them in that page's index.html as module preloads, so a phone (or a clerk's PC) fetches
 * the page's code together with the entry instead of one or two round trips after it. The
 * pages are read from app.tsx's routes — the portal's (`{ path: '/…', element: page(() =>
 * import('./…'), …) }`) and the console's, below its frame (`{ path: '…', …` and
 * `guarded('…', '…', page(…))`) — so a new page is covered as it is added.
 */
const routePreloads = (): Plugin => ({
  name: 'fazhi-route-preloads',
  apply: 'build',
  // After the files are written: only then are the chunks' names final.
  writeBundle(options, bundle) {
    const src = path.resolve(import.meta.dirname, 'src');
    const app = readFileSync(path.join(src, 'app.tsx'), 'utf8');
    const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
    const byName = new Map(chunks.map((c) => [c.fileName, c]));
    const closure = (file: string, into = new Set<string>()): Set<string> => {
      if (into.has(file)) return into;
      into.add(file);
      for (const i of byName.get(file)?.imports ?? []) closure(i, into);
      return into;
    };
    const entry = chunks.find((c) => c.isEntry);
    if (!entry) return;
    const withEntry = closure(entry.fileName);
    const chunkOf = (module: string): Rolldown.OutputChunk | undefined =>
      chunks.find((c) => c.facadeModuleId !== null && path.normalize(c.facadeModuleId) === path.join(src, module));
    const pages: Record<string, string[]> = {};
    const add = (route: string, modules: string[]): void => {
      const found = modules.map(chunkOf);
      if (found.some((c) => !c)) return;
      const files = [...new Set(found.flatMap((c) => [...closure(c!.fileName)]))].filter((f) => !withEntry.has(f));
      const css = files.flatMap((f) => [...((byName.get(f) as { viteMetadata?: { importedCss?: Set<string> } } | undefined)?.viteMetadata?.importedCss ?? [])]);
      pages[route] = [...files, ...new Set(css)].map((f) => `/${f}`);
    };
    for (const m of app.matchAll(/\{ path: '(\/[^']*)', element: page\(\(\) => import\('\.\/([^']+)'\)/g)) add(m[1]!, [m[2]!]);
    // The console's pages: the frame (menu, top bar) and the page, both below /console.
    const frame = 'layout/console-layout.tsx';
    const signIn = 'features/auth/sign-in-page.tsx';
    add('/console', [frame, 'features/home/home-page.tsx']);
    for (const m of app.matchAll(/(?:\{ path: '|guarded\('[^']+', ')([^'/][^']*)'[^\n]*?page\(\(\) => import\('\.\/([^']+)'\)/g)) {
      add(`/console/${m[1]!}`, m[2] === signIn ? [signIn] : [frame, m[2]!]);
    }
    writeFileSync(path.join(options.dir ?? 'dist', 'route-preloads.json'), `${JSON.stringify(pages, null, 2)}\n`);
  },
});

export default defineConfig({
  base: '/',
  plugins: [react(), routePreloads(), precompress()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The contracts' TypeBox schemas are for the server; the web takes their types and a few
      // constant tables. Calls of TypeBox's builders have no side effects, so unused schemas
      // are left out (with the contracts package marked side-effect free).
      treeshake: { manualPureFunctions: ['Type'] },
      output: {
        // React in its own long-cached chunk; antd stays split by route so the portal loads less.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
});

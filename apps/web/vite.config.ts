import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
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
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
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

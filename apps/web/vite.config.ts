import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One SPA for the public portal (/) and the console (/console/*); the Fastify server serves dist/.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
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

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the build from dist/apps/web (WEB_ROOT), on the API's own
// origin: no CORS, and helmet's default Content-Security-Policy holds (no
// inline script in the build).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: '../../dist/apps/web', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

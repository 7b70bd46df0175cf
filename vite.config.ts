import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on its own port; the proxy keeps the client same-origin, as it is
// in production where the server serves client/dist itself.
const target = process.env.BACKCHANNEL_API ?? 'http://localhost:3000';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': target,
      '/socket.io': { target, ws: true },
      '/docs': target,
      '/openapi.json': target,
    },
  },
});

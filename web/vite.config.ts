import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

// The API and the collaboration socket live in the Node server; in dev Vite forwards them to it.
const server = process.env.SAMSTRAT_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // A SPA without locale URLs: bokmål unless the user picked another language in the header,
      // which this browser remembers. Not the browser's language: many Norwegians run English
      // systems, and the municipality writes in its own language.
      strategy: ['localStorage', 'baseLocale'],
    }),
    sveltekit(),
  ],
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/collab': { target: server, ws: true, changeOrigin: false },
    },
  },
});

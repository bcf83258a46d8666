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
      // The app is a SPA without locale URLs: a choice made in the header is remembered in this
      // browser, otherwise the browser's language decides, otherwise bokmål.
      strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
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

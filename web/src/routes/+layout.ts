// A single-page app: the Node server serves build/index.html for every page, and all data
// comes from the API in the browser.
export const ssr = false;
export const prerender = false;

// The admin page's own script (no inline script: the page's Content-Security-Policy forbids it).
// Loaded before the Sveltia CMS bundle, it stops the bundle from starting by itself, then registers our file
// format (cms/pelican-format.js, copied next to this file) and starts the CMS once the page is parsed. The page
// and cms/config.yml are put into the built site by editors/cms_admin.py (install_admin) when CMS_REPO is set.
window.CMS_MANUAL_INIT = true;

// The Sveltia CMS bundle loads a few things from unpkg.com: the strings of its user interface in languages other
// than English, and every hour the number of its newest version. The page's policy allows no request to
// unpkg.com, and ours is a pinned copy served from this site (cms/package.json): the strings are served from
// ./locales/ (editors/cms_config.py copies those of the site's languages there), anything else is answered
// "not found" here instead of being refused by the browser (which it would report on the console).
const UNPKG = 'https://unpkg.com/';
const LOCALE_FILE = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+\.json)$/;
const fetchFromNetwork = window.fetch.bind(window);

window.fetch = (resource, options) => {
  const url = typeof resource === 'string' ? resource : String(resource?.url ?? resource);

  if (!url.startsWith(UNPKG)) {
    return fetchFromNetwork(resource, options);
  }

  const locale = url.match(LOCALE_FILE);

  if (locale) {
    return fetchFromNetwork(new URL(`locales/${locale[1]}`, document.baseURI), options);
  }

  return Promise.resolve(new Response(null, { status: 404, statusText: 'Not served to this page' }));
};

window.addEventListener('DOMContentLoaded', async () => {
  const { fromFile, toFile } = await import('./pelican-format.js');

  window.CMS.registerCustomFormat('pelican', 'md', { fromFile, toFile });
  await window.CMS.init();
});

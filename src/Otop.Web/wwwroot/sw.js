// The offline รต.1 entry page (issue 15, item 2). Registered by js/sw-register.js for a signed-in account only.
// - Caches exactly two things: the entry page (/Revenue/Entry, each district and month as visited; network first, the
//   cached copy only when the network fails) and the static assets under /css, /js and /lib (cache first; versioned
//   names, so a new version is a new entry). No API answer and no other page is ever cached.
// - POSTs pass through untouched: a save made offline fails in the page, and js/drafts.js keeps it (with the version it
//   started from) and sends it when the connection returns; the server's version check and merge still apply.
// - sw-register.js deletes every cache of this worker when the page shows another account or nobody signed in, so a
//   signed-out or different officer is never served someone else's page.
'use strict';
const PAGES = 'otop-pages-v1';
const ASSETS = 'otop-assets-v1';
const ENTRY = '/Revenue/Entry';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k.startsWith('otop-') && k !== PAGES && k !== ASSETS).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', event => {
  if (event.data === 'clear') event.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k.startsWith('otop-')).map(k => caches.delete(k)))));
});

async function entryPage(request) {
  try {
    const response = await fetch(request);
    // Only the page itself as the signed-in officer sees it: not a redirect to sign-in, not an error page.
    if (response.ok && !response.redirected && response.type === 'basic' && new URL(response.url).pathname === ENTRY) {
      const cache = await caches.open(PAGES);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = await caches.match(request, { cacheName: PAGES });
    if (cached) return cached;
    return new Response('<!DOCTYPE html><html lang="th"><meta charset="utf-8"><title>ออฟไลน์</title>' +
      '<p>ออฟไลน์: ยังไม่เคยเปิดหน้านี้ในเครื่องนี้ จึงเปิดแบบออฟไลน์ไม่ได้ กรุณาเชื่อมต่ออินเทอร์เน็ตแล้วลองอีกครั้ง</p></html>',
      { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
}

async function asset(request) {
  const cached = await caches.match(request, { cacheName: ASSETS });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(ASSETS);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === ENTRY) event.respondWith(entryPage(request));
  else if (/^\/(css|js|lib)\//.test(url.pathname)) event.respondWith(asset(request));
});

// Registers the offline worker (/sw.js) for a signed-in account, and empties its caches whenever the page shows another
// account or nobody signed in (the layout's data-account), so one officer is never served another's cached page.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.caches) return;
  var account = document.body.getAttribute('data-account') || '';
  var last = null;
  try { last = localStorage.getItem('otop-sw-account'); } catch (e) { /* private mode: clear every time */ }
  if (account !== last) {
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf('otop-') === 0; }).map(function (k) { return caches.delete(k); }));
    });
    try { if (account) localStorage.setItem('otop-sw-account', account); else localStorage.removeItem('otop-sw-account'); } catch (e) { /* as above */ }
  }
  if (account) navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () { /* works online without it */ });
})();

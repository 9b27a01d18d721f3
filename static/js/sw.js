/* Sức Trẻ service worker (served at /sw.js, scope /): saved handbooks stay readable
   without a connection.
   - Page navigations: network first; after NAV_TIMEOUT the saved copy, if there is one;
     without a connection the saved copy or the offline page. Only pages the reader saved
     are stored (and refreshed when read online): never private pages.
   - /static/: cache first (hashed names never change); unhashed names network first.
   - Images of saved pages: cache first.
   - Message {type: "cache-handbook", urls: [...]}: stores those URLs (and the images of
     those pages), posting {type: "progress"} then {type: "done"} back.
   Never touched: other origins, non-GET, /admin/, /accounts/, /django-admin/,
   /documents/, the PDF route (a download) and this script. */
"use strict";

const PREFIX = "suc-tre-";
const CACHE = PREFIX + "v1";
const OFFLINE_PAGE = "/offline-page.sw"; // synthetic keys, never server URLs
const SAVED_LIST = "/saved-handbooks.sw";
const NAV_TIMEOUT = 4000;
const PARALLEL = 3;
const MATCH = { ignoreVary: true };
const NEVER = /^\/(admin|accounts|django-admin|documents)\/|\/pdf\/?$|^\/sw\.js$/;
const EDITOR_ASSETS = /^\/static\/(admin|wagtail[a-z_]*)\//;
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

function usable(url) {
  return url.origin === self.location.origin && !NEVER.test(url.pathname);
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!usable(url)) return;
  if (request.mode === "navigate") {
    const network = fetch(request);
    // Clone before the page reads the body; keep it only if this page was saved.
    const copy = network.then((response) => response.clone(), () => null);
    const saved = caches.match(request, MATCH);
    event.respondWith(answer(network, saved));
    event.waitUntil(keepFresh(request.url, copy, saved));
  } else if (url.pathname.startsWith("/static/")) {
    const store = !EDITOR_ASSETS.test(url.pathname);
    event.respondWith(
      HASHED.test(url.pathname) ? cacheFirst(event, store) : networkFirst(event, store)
    );
  } else if (request.destination === "image") {
    event.respondWith(cacheFirst(event, false));
  }
});

async function answer(network, saved) {
  const live = network.then(
    async (response) => (response.status >= 500 && (await saved)) || response,
    async () => (await saved) || (await caches.match(OFFLINE_PAGE)) || Response.error()
  );
  const cached = await saved;
  if (!cached) return live;
  const slow = new Promise((resolve) => setTimeout(resolve, NAV_TIMEOUT, cached));
  return Promise.race([live, slow]);
}

async function keepFresh(url, copy, saved) {
  const [response, cached] = await Promise.all([copy, saved]);
  if (!response || !cached || response.redirected || response.type !== "basic") return;
  const cache = await caches.open(CACHE);
  if (response.ok) await cache.put(url, response);
  else if (response.status === 404 || response.status === 410) await cache.delete(url);
}

async function store(event, response) {
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}

async function cacheFirst(event, keep) {
  const cached = await caches.match(event.request, MATCH);
  if (cached) return cached;
  const response = await fetch(event.request);
  return keep ? store(event, response) : response;
}

async function networkFirst(event, keep) {
  try {
    const response = await fetch(event.request);
    return keep ? store(event, response) : response;
  } catch (error) {
    const cached = await caches.match(event.request, MATCH);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-handbook" || !Array.isArray(data.urls)) return;
  const port = event.ports && event.ports[0];
  const post = (message) => (port || event.source).postMessage(message);
  event.waitUntil(saveHandbook(data, post));
});

function sameSite(href, base) {
  try {
    const url = new URL(href, base);
    return usable(url) ? url.href : null;
  } catch (error) {
    return null;
  }
}

function imagesOf(html, base) {
  const found = [];
  for (const match of html.matchAll(/<(?:img|video)\b[^>]*?\s(?:src|poster)="([^"]+)"/g)) {
    const url = sameSite(match[1].replace(/&amp;/g, "&"), base);
    // A video file is a large download of its own: only its poster image is kept.
    if (url && !/\.(mp4|webm)$/i.test(url)) found.push(url);
  }
  return found;
}

async function saveHandbook(data, post) {
  const cache = await caches.open(CACHE);
  const seen = new Set(data.urls.map((href) => sameSite(href, self.location.href)));
  seen.delete(null);
  const pending = [...seen];
  let done = 0;
  let failed = 0;
  let total = pending.length;
  post({ type: "progress", done, failed, total });

  async function one(url) {
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-cache" });
      if (!response.ok) throw new Error(String(response.status));
      if ((response.headers.get("Content-Type") || "").startsWith("text/html")) {
        for (const image of imagesOf(await response.clone().text(), url)) {
          if (!seen.has(image)) {
            seen.add(image);
            pending.push(image);
            total += 1;
          }
        }
      }
      // A redirected response cannot answer a navigation: store its body afresh.
      const keep = response.redirected
        ? new Response(await response.blob(), {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
          })
        : response;
      await cache.put(url, keep);
    } catch (error) {
      failed += 1;
    }
    done += 1;
    post({ type: "progress", done, failed, total });
  }

  async function worker() {
    while (pending.length) await one(pending.shift());
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));

  if (data.handbook && data.handbook.url) {
    const entry = { url: data.handbook.url, title: String(data.handbook.title || "") };
    const previous = await cache.match(SAVED_LIST);
    const list = previous ? await previous.json() : [];
    const saved = [entry, ...list.filter((item) => item.url !== entry.url)];
    const json = { headers: { "Content-Type": "application/json" } };
    await cache.put(SAVED_LIST, new Response(JSON.stringify(saved), json));
    await cache.put(OFFLINE_PAGE, offlinePage(data.offline || {}, saved));
  }
  post({ type: "done", done, failed, total });
}

function escapeHtml(text) {
  return String(text || "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]
  );
}

function offlinePage(text, saved) {
  const links = saved
    .map((item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a></li>`)
    .join("");
  const css = text.css ? `<link rel="stylesheet" href="${escapeHtml(text.css)}">` : "";
  const html =
    `<!doctype html><html lang="${escapeHtml(text.lang || "vi")}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(text.title)}</title>${css}</head><body><main><div class="wrap">` +
    `<h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.text)}</p><ul>${links}</ul>` +
    `</div></main></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

{% autoescape off %}/* Service worker of one guest link: keeps the itinerary and its files, so the link opens offline too. */
"use strict";

const START = {{ start }};
const PRECACHE = {{ precache }};
// The documents shared with this link: fetched one by one, so one that fails (or a full device) leaves the
// itinerary offline all the same.
const DOCUMENTS = {{ documents }};
const STATIC_PREFIX = {{ static_prefix }};
const CACHE = "guest-" + {{ version }} + "-" + self.registration.scope;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE)
        .then(() => Promise.all(DOCUMENTS.map((url) => cache.add(url).catch(() => undefined)))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("guest-") && key.endsWith(self.registration.scope) && key !== CACHE)
          .map((key) => caches.delete(key))
      ))
      .then(() => self.clients.claim())
  );
});

function remember(request, response) {
  if (response && response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // The network first, so guests see changes; the last copy when there is no connection.
    event.respondWith(
      fetch(request)
        .then((response) => remember(request, response))
        .catch(() => caches.match(request).then((hit) => hit || caches.match(START)))
    );
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    // Static files carry their content's hash in production: a cached copy is always right.
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => remember(request, response)))
    );
  }
});
{% endautoescape %}

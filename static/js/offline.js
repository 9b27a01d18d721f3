/* Sức Trẻ: registers the service worker, saves a handbook for offline reading, and
   shows a notice while the phone is offline. No dependencies; loaded with defer.
   The texts come from data attributes rendered by the templates (translated there). */
(function () {
  "use strict";
  var script = document.currentScript;
  var banner = document.querySelector("[data-offline-banner]");

  function showConnection() {
    if (banner) banner.hidden = navigator.onLine !== false;
  }
  showConnection();
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);

  // Service workers need a secure context (https, or localhost while developing).
  if (!("serviceWorker" in navigator) || !window.MessageChannel) return;
  var registered = navigator.serviceWorker.register(
    (script && script.getAttribute("data-sw")) || "/sw.js",
    { scope: "/" }
  );
  registered.catch(function () {});

  var button = document.querySelector("[data-offline-save]");
  if (!button) return;
  var text = button.dataset;
  var status = document.querySelector("[data-offline-status]");

  function say(message) {
    if (status) status.textContent = message || "";
  }
  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }
  function ownPath(href) {
    if (!href) return null;
    var url = new URL(href, location.href);
    return url.origin === location.origin ? url.pathname + url.search : null;
  }
  function urlsToSave() {
    var urls = [location.pathname];
    var links = document.querySelectorAll("nav.toc a[href], link[rel=stylesheet], script[src]");
    Array.prototype.forEach.call(links, function (el) {
      var path = ownPath(el.getAttribute("href") || el.getAttribute("src"));
      if (path && urls.indexOf(path) < 0) urls.push(path);
    });
    return urls;
  }

  button.hidden = false;
  if (window.caches) {
    caches.match(location.pathname, { ignoreVary: true }).then(function (saved) {
      if (saved) say(text.saved);
    }, function () {});
  }

  button.addEventListener("click", function () {
    var urls = urlsToSave();
    var css = document.querySelector("link[rel=stylesheet]");
    button.disabled = true;
    say(fill(text.saving, { done: 0, total: urls.length }));
    registered
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          var message = event.data || {};
          if (message.type === "progress") say(fill(text.saving, message));
          if (message.type === "done") {
            button.disabled = false;
            say(message.failed ? fill(text.failed, message) : text.saved);
          }
        };
        registration.active.postMessage(
          {
            type: "cache-handbook",
            urls: urls,
            handbook: { url: location.pathname, title: text.title || document.title },
            offline: {
              title: text.offlineTitle,
              text: text.offlineText,
              lang: document.documentElement.lang,
              css: css ? ownPath(css.getAttribute("href")) : null,
            },
          },
          [channel.port2]
        );
      })
      .catch(function () {
        button.disabled = false;
        say(text.unsupported);
      });
  });
})();

/* Guest pages: register the link's service worker and say so when the page is shown without a connection. */
(function () {
  "use strict";

  var worker = document.querySelector('meta[name="guest-service-worker"]');
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker.content, { scope: worker.dataset.scope }).catch(function () {
      // Without a worker the page still works online; nothing to tell the guest.
    });
  }

  function showConnectionState() {
    var offline = navigator.onLine === false;
    document.documentElement.classList.toggle("is-offline", offline);
    document.querySelectorAll("[data-offline-note]").forEach(function (note) {
      note.hidden = !offline;
    });
  }

  // "Changed since your last visit" is marked by this device: the page is the same for every look (kept on
  // the server until the programme changes, and offline), so it cannot know which look is whose.
  function markChangesSinceLastLook() {
    var page = document.querySelector("[data-as-of]");
    if (!page || !worker) {
      return;
    }
    var key = "kleve-seen:" + worker.dataset.scope;
    var seen = null;
    try {
      seen = window.localStorage.getItem(key);
      window.localStorage.setItem(key, page.dataset.asOf);
    } catch (error) {
      return; // no storage (a private window): no marks, as on a first visit
    }
    if (!seen) {
      return;
    }
    var changed = 0;
    document.querySelectorAll("[data-changed-at]").forEach(function (entry) {
      if (Date.parse(entry.dataset.changedAt) > Date.parse(seen)) {
        entry.classList.add("is-changed");
        entry.querySelectorAll("[data-changed-badge]").forEach(function (badge) {
          badge.hidden = false;
          badge.parentNode.hidden = false;
        });
        changed += 1;
      }
    });
    document.querySelectorAll("[data-changed-notice]").forEach(function (notice) {
      notice.hidden = changed === 0;
    });
  }

  markChangesSinceLastLook();
  window.addEventListener("online", showConnectionState);
  window.addEventListener("offline", showConnectionState);
  showConnectionState();
})();

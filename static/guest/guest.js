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

  window.addEventListener("online", showConnectionState);
  window.addEventListener("offline", showConnectionState);
  showConnectionState();
})();

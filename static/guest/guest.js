/* Guest pages: register the link's service worker, say so when the page is shown without a connection, and
   keep "now", "next" and "today" true as time passes on a page kept open or offline. */
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

  function isBetween(element, moment) {
    return Date.parse(element.dataset.begins) <= moment && moment < Date.parse(element.dataset.ends);
  }

  function show(element, shown) {
    if (element) {
      element.hidden = !shown;
    }
  }

  // A badge row shows when any of its badges does.
  function showBadges(article) {
    article.querySelectorAll("[data-badges]").forEach(function (row) {
      row.hidden = !Array.prototype.some.call(row.children, function (badge) {
        return !badge.hidden;
      });
    });
  }

  // "Now" and "next" as the server computes them (visits.exports.itinerary), from the items' own times: the
  // server rendered a line in the "today" panel for every item that can still be either, in time order, and
  // "now" and "next" badges on their entries; this shows the ones that hold at this moment.
  function showNowAndNext() {
    var panel = document.querySelector("[data-today]");
    if (!panel) {
      return;
    }
    var moment = Date.now();
    var nextFound = false;
    var nowFound = false;
    var nextId = null;
    panel.hidden = !isBetween(panel, moment);
    panel.querySelectorAll("[data-next-of]").forEach(function (line) {
      var id = line.dataset.nextOf;
      var article = document.getElementById(id);
      var starts = article && article.querySelector("time[data-starts]");
      var ends = article && article.querySelector("time[data-ends]");
      if (!starts || !ends) {
        return;
      }
      var isNow = Date.parse(starts.dateTime) <= moment && moment < Date.parse(ends.dateTime);
      var isNext = !nextFound && Date.parse(starts.dateTime) > moment;
      nextFound = nextFound || isNext;
      nowFound = nowFound || isNow;
      if (isNext) {
        nextId = id;
      }
      show(line, isNext);
      show(panel.querySelector('[data-now-of="' + id + '"]'), isNow);
      article.classList.toggle("is-now", isNow);
      article.classList.toggle("is-next", isNext);
      article.classList.toggle("is-over", Date.parse(ends.dateTime) <= moment);
      show(article.querySelector("[data-now-badge]"), isNow);
      show(article.querySelector("[data-next-badge]"), isNext);
      showBadges(article);
    });
    show(panel.querySelector("[data-now-none]"), !nowFound);
    show(panel.querySelector("[data-next-none]"), !nextFound);
    // Before the visit the notice under the title says what comes first; the panel says it on the days.
    document.querySelectorAll("[data-next-notice]").forEach(function (notice) {
      notice.hidden = !panel.hidden || notice.dataset.nextNotice !== nextId;
    });
  }

  function showToday() {
    var moment = Date.now();
    document.querySelectorAll("section.day[data-begins]").forEach(function (day) {
      var today = isBetween(day, moment);
      day.classList.toggle("is-today", today);
      day.classList.toggle("is-past", Date.parse(day.dataset.ends) <= moment);
      show(day.querySelector("[data-today-badge]"), today);
    });
    showNowAndNext();
  }

  markChangesSinceLastLook();
  showToday();
  // Every minute, and when the guest comes back to the page (a phone wakes up, a tab is shown again).
  window.setInterval(showToday, 60 * 1000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      showToday();
    }
  });
  window.addEventListener("pageshow", showToday);
  window.addEventListener("online", showConnectionState);
  window.addEventListener("offline", showConnectionState);
  showConnectionState();
})();

/* Select2 (the admin's autocomplete fields) adds search inputs with neither id nor name, which Chromium reports
   as a form issue and autofill cannot tell apart. Each gets an id as it appears; ids are never submitted. */
"use strict";
(function () {
  let count = 0;

  function identify(root) {
    const fields = root.querySelectorAll ? root.querySelectorAll("input.select2-search__field:not([id])") : [];
    for (const field of fields) {
      count += 1;
      field.id = "select2-search-" + count;
    }
  }

  new MutationObserver(function (changes) {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          identify(node.parentNode || node);
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  identify(document);
})();

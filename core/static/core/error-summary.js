/* The error summary of a form sent with errors (core/templatetags/error_summary.py): focus on it when the
   page loads, where the browser did not honour its autofocus; a link in it puts the focus on its field, with
   the field's label in view. No inline script: the Content-Security-Policy allows only files like this. */
(function () {
  "use strict";

  function labelOf(field) {
    var label = document.querySelector('label[for="' + field.id + '"]');
    if (label) {
      return label;
    }
    var fieldset = field.closest("fieldset");
    return fieldset ? fieldset.querySelector("legend") || fieldset : field;
  }

  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    if (document.activeElement !== summary) {
      summary.focus();
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest('a[href^="#"]');
      if (!link) {
        return;
      }
      var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!field) {
        return;
      }
      event.preventDefault();
      labelOf(field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

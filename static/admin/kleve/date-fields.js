// Django's note "Enter times in the … timezone" belongs under fields with a time of day: a date alone has none
// to convert, so date-only fields (arrival, departure) go without it. Deferred, so Django's
// DateTimeShortcuts is defined (by the form's media) and not yet started (it starts on "load").
"use strict";
(function () {
    const shortcuts = window.DateTimeShortcuts;
    if (!shortcuts) {
        return;
    }
    const addTimezoneWarning = shortcuts.addTimezoneWarning;
    shortcuts.addTimezoneWarning = function (input) {
        if (input.classList.contains("vDateField") && !input.closest("p.datetime")) {
            return;
        }
        return addTimezoneWarning.call(this, input);
    };
})();

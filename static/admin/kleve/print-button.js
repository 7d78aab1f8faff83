// The programme page's print button: shown only where JavaScript runs, it opens the browser's print dialogue.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("[data-kleve-print]")) {
        button.hidden = false;
        button.addEventListener("click", () => window.print());
    }
});

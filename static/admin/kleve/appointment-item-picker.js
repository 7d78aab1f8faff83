// A company appointment's programme item is picked among its own delegation's items: every search of the
// item picker sends the delegation chosen in the form, and choosing another delegation clears the item.
"use strict";
(function ($) {
    const isItemSearch = (data) =>
        typeof data === "string" &&
        data.includes("model_name=companyappointment") &&
        data.includes("field_name=programme_item");

    $.ajaxPrefilter((options) => {
        if (!isItemSearch(options.data)) {
            return;
        }
        const delegation = document.getElementById("id_delegation");
        options.data += "&delegation=" + encodeURIComponent(delegation ? delegation.value : "");
    });

    document.addEventListener("DOMContentLoaded", () => {
        const delegation = $("#id_delegation");
        const item = $("#id_programme_item");
        delegation.on("change", () => {
            if (item.val()) {
                item.val(null).trigger("change");
            }
        });
    });
})(django.jQuery);

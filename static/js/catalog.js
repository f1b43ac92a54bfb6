/* Storefront niceties; every page works without them. */
(function () {
  "use strict";
  // The filter panel is a <details>: folded on phones, opened on wide screens.
  var wide = window.matchMedia("(min-width: 900px)");
  document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
    if (wide.matches) { panel.open = true; }
  });
  // Sorting applies as soon as a choice is made; the button stays for browsers without scripts.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var button = select.form.querySelector("[data-autosubmit-button]");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () { select.form.submit(); });
  });
}());

/* Storefront niceties; every page works without them. */
(function () {
  "use strict";
  // The filter panel is a <details>: folded on phones, drawn open on wide screens by the stylesheet
  // (::details-content). A browser without that selector gets it opened here (the page shifts once).
  var drawnOpen = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  var wide = window.matchMedia("(min-width: 900px)");
  document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
    if (wide.matches && !drawnOpen) { panel.open = true; }
  });
  // Sorting applies as soon as a choice is made; the button stays for browsers without scripts.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var button = select.form.querySelector("[data-autosubmit-button]");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Empty filters stay out of the address, so that links to a listing read well.
  document.querySelectorAll("form[data-drop-empty]").forEach(function (form) {
    // Coming back with the Back button shows the page as it was left: fields enabled again.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
    });
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value === "" && field.type !== "radio") { field.disabled = true; }
        if (field.type === "radio" && field.checked && field.value === "") { field.disabled = true; }
      });
    });
  });
}());

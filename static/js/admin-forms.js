/* Certification form: when the stars change, an issuing body that is one of the usual defaults
   (or empty) follows the stars; a body typed by hand is left alone. */
(function () {
  "use strict";
  var stars = document.querySelector("select[data-issuing-bodies]");
  var body = document.getElementById("issuing_body");
  if (!stars || !body) { return; }
  var defaults = JSON.parse(stars.dataset.issuingBodies);
  var usual = Object.keys(defaults).map(function (key) { return defaults[key]; });
  stars.addEventListener("change", function () {
    if (body.value === "" || usual.indexOf(body.value) !== -1) {
      body.value = defaults[stars.value] || "";
    }
  });
})();

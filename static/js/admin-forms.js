/* Certification form: the issuing body follows the rules' table (stars and decision date) while it is
   empty or one of the table's bodies; a body typed by hand is left alone (the office then gives a reason). */
(function () {
  "use strict";
  var stars = document.querySelector("select[data-issuing-bodies]");
  var body = document.getElementById("issuing_body");
  var decided = document.getElementById("decision_date");
  if (!stars || !body || !decided) { return; }
  var rules = JSON.parse(stars.dataset.issuingBodies);
  var usual = rules.map(function (rule) { return rule.body; });
  function ruleBody() {
    var count = parseInt(stars.value, 10), day = decided.value;
    if (!count || !day) { return ""; }
    for (var i = 0; i < rules.length; i += 1) {
      var rule = rules[i];
      if (rule.stars.indexOf(count) !== -1 && (!rule.from || rule.from <= day) && (!rule.until || day <= rule.until)) {
        return rule.body;
      }
    }
    return "";
  }
  function follow() {
    if (body.value === "" || usual.indexOf(body.value) !== -1) { body.value = ruleBody(); }
  }
  stars.addEventListener("change", follow);
  decided.addEventListener("change", follow);
})();

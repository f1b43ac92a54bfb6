// Order page: while a card payment is being confirmed, ask the shop every few seconds
// and reload the page once the status changes (for about two minutes).
(function () {
  "use strict";
  var box = document.querySelector("[data-poll]");
  if (!box || !window.fetch) { return; }
  var url = box.dataset.poll;
  var initial = box.dataset.status;
  var tries = 0;
  var most = parseInt(box.dataset.pollTries || "40", 10);  // a transfer waits as long as its reservation

  function check() {
    tries += 1;
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.status !== initial) {
          window.location.replace(window.location.pathname + window.location.search.replace(/&?session_id=[^&]*/, ""));
        } else if (tries < most) {
          window.setTimeout(check, 3000);
        }
      })
      .catch(function () { if (tries < most) { window.setTimeout(check, 5000); } });
  }
  window.setTimeout(check, 2000);
}());

// Order page of a bank transfer: copy buttons for the transfer details and a countdown to the
// reservation's end (the page itself is polled by order-status.js and reloads once paid).
(function () {
  "use strict";
  var feedback = document.querySelector(".copy-feedback");

  function copied() {
    if (feedback) { feedback.textContent = feedback.dataset.copied; }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(copied, function () { copyBySelection(text); });
      return;
    }
    copyBySelection(text);
  }

  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); copied(); } catch (ignore) { /* the text stays selectable */ }
    document.body.removeChild(area);
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      if (source) { copyText(source.textContent.trim()); }
    });
  });

  var countdown = document.querySelector("[data-countdown]");
  if (!countdown) { return; }
  var end = Date.parse(countdown.dataset.countdown);
  function tick() {
    var left = Math.floor((end - Date.now()) / 1000);
    if (isNaN(end)) { return; }
    if (left <= 0) {
      countdown.textContent = countdown.dataset.expired;
      return;
    }
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    countdown.textContent = "(" + minutes + ":" + (seconds < 10 ? "0" : "") + seconds + ")";
    window.setTimeout(tick, 1000);
  }
  tick();
}());

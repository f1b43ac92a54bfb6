/* Every page: the header's search folds into an icon once the visitor scrolls down; the page works without it. */
(function () {
  "use strict";
  var header = document.querySelector("[data-site-header]");
  if (!header) { return; }
  var toggle = header.querySelector(".search-toggle");
  var input = header.querySelector("#site-search");
  var FOLD_AT = 80; // pixels scrolled before the search folds away
  function fold() {
    var scrolled = window.scrollY > FOLD_AT;
    if (scrolled === header.classList.contains("is-scrolled")) { return; }
    header.classList.toggle("is-scrolled", scrolled);
    if (!scrolled) { header.classList.remove("search-open"); toggle.setAttribute("aria-expanded", "false"); }
  }
  window.addEventListener("scroll", fold, {passive: true});
  fold();
  toggle.addEventListener("click", function () {
    header.classList.add("search-open");
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
  });
  // Tapping elsewhere closes the header's menu.
  var menu = header.querySelector(".header-menu");
  document.addEventListener("click", function (event) {
    if (menu && menu.open && !menu.contains(event.target)) { menu.open = false; }
  });
}());

/* Product page: "Add to cart" confirms in a small sheet and updates the header's count, without leaving
   the page. Any answer but the shop's JSON (an expired form, a limit) sends the form the ordinary way. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-add-in-place]").forEach(function (form) {
    var sheet = document.getElementById(form.getAttribute("data-add-in-place"));
    if (!sheet || typeof sheet.showModal !== "function" || !window.fetch) { return; }
    var message = sheet.querySelector("[data-role=message]");
    var button = form.querySelector("[type=submit]");
    sheet.querySelector("[data-close]").addEventListener("click", function () { sheet.close(); });
    sheet.addEventListener("click", function (event) { if (event.target === sheet) { sheet.close(); } });
    form.addEventListener("submit", function (event) {
      if (!form.checkValidity()) { return; }
      event.preventDefault();
      button.disabled = true;
      fetch(form.action, {method: "POST", body: new FormData(form), headers: {"Accept": "application/json"},
                          credentials: "same-origin"})
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("application/json") !== 0) { throw new Error("not the shop's answer"); }
          return response.json();
        })
        .then(function (answer) {
          button.disabled = false;
          message.textContent = answer.message;
          sheet.classList.toggle("is-error", !answer.ok);
          if (answer.ok) { showCount(answer.count); }
          sheet.showModal();
          sheet.querySelector(answer.ok ? ".button" : "[data-close]").focus();
        })
        .catch(function () { button.disabled = false; form.submit(); });
    });
  });

  function showCount(count) {
    var link = document.querySelector(".cart-link");
    if (!link) { return; }
    var badge = link.querySelector(".badge-count");
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "badge-count";
      link.appendChild(document.createTextNode(" "));
      link.appendChild(badge);
    }
    badge.textContent = String(count);
  }
}());

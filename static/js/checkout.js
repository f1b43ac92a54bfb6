// Checkout: show the delivery fee and total of the chosen delivery method (computed by the
// server into data attributes) and hide the address for pick-up. Works without it too.
(function () {
  "use strict";
  var form = document.getElementById("checkout-form");
  if (!form) { return; }
  var shipping = document.querySelector("[data-role=shipping]");
  var total = document.querySelector("[data-role=total] .price");
  var totalUsd = document.querySelector("[data-role=total] .price-usd");
  var addressBlock = document.getElementById("address-block");

  function update() {
    var chosen = form.querySelector("input[name=delivery_method]:checked");
    if (!chosen) { return; }
    var label = chosen.closest("label");
    if (shipping && label) { shipping.textContent = label.dataset.shipping; }
    if (total && label) { total.textContent = label.dataset.total; }
    if (totalUsd && label) { totalUsd.textContent = label.dataset.totalUsd; }
    if (addressBlock) { addressBlock.hidden = chosen.value === "pickup"; }
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "delivery_method") { update(); }
  });
  update();
}());

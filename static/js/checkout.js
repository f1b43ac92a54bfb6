// Checkout: show the delivery fee and total of the chosen delivery method (computed by the server into
// data attributes), show the address or hotel fields that apply, and check the form before it is sent
// with the same messages as the server (data-missing, data-invalid), each on its field: the field gets
// aria-invalid and is described by its message, and focus goes to the first. Works without it too.
(function () {
  "use strict";
  var form = document.getElementById("checkout-form");
  if (!form) { return; }
  var shipping = document.querySelector("[data-role=shipping]");
  var totals = document.querySelectorAll("[data-role=total] .price");
  var totalsUsd = document.querySelectorAll("[data-role=total] .price-usd");
  var destinationBlock = document.getElementById("destination-block");
  var addressBlock = document.getElementById("address-block");
  var hotelBlock = document.getElementById("hotel-block");
  var address = form.elements.address;
  var hotelName = form.elements.hotel_name;
  var leavesOn = form.elements.leaves_on;
  var warning = document.getElementById("leaves-warning");
  var tried = false;

  function chosen(name) {
    var input = form.querySelector("input[name=" + name + "]:checked");
    return input ? input.value : "";
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function update() {
    var method = form.querySelector("input[name=delivery_method]:checked");
    var label = method ? method.closest("label") : null;
    if (label) {
      if (shipping) { shipping.textContent = label.dataset.shipping; }
      each(totals, function (node) { node.textContent = label.dataset.total; });
      each(totalsUsd, function (node) { node.textContent = label.dataset.totalUsd; });
    }
    var pickup = chosen("delivery_method") === "pickup";
    var hotel = !pickup && chosen("destination") === "hotel";
    if (destinationBlock) { destinationBlock.hidden = pickup; }
    if (hotelBlock) { hotelBlock.hidden = !hotel; }
    // The address is asked for a home, and offered (not required) for a hotel.
    if (addressBlock) { addressBlock.hidden = pickup; }
    if (address) { address.required = !pickup && !hotel; }
    if (hotelName) { hotelName.required = hotel; }
    if (leavesOn) { leavesOn.required = hotel; }
    var latest = label ? label.dataset.latest : "";
    if (warning) { warning.hidden = !(hotel && latest && leavesOn && leavesOn.value && leavesOn.value < latest); }
  }

  function ids(field) {
    return (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  }

  function messageFor(field) {
    if (field.closest("[hidden]") || field.validity.valid) { return ""; }
    if (field.validity.valueMissing) { return field.dataset.missing || field.validationMessage; }
    return field.dataset.invalid || field.validationMessage;
  }

  function mark(field, message) {
    var id = field.id + "-error";
    var box = field.closest(".field");
    var node = document.getElementById(id);
    var described = ids(field).filter(function (one) { return one !== id; });
    if (message) {
      if (!node) {
        node = document.createElement("p");
        node.id = id;
        node.className = "field-error";
        box.appendChild(node);
      }
      node.textContent = message;
      described.push(id);
      field.setAttribute("aria-invalid", "true");
    } else {
      if (node) { node.remove(); }
      field.removeAttribute("aria-invalid");
    }
    if (described.length) { field.setAttribute("aria-describedby", described.join(" ")); }
    else { field.removeAttribute("aria-describedby"); }
    if (box) { box.classList.toggle("has-error", Boolean(message)); }
  }

  function checkable() {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.closest && field.closest(".field") && field.willValidate;
    });
  }

  function checkAll() {
    var first = null;
    checkable().forEach(function (field) {
      var message = messageFor(field);
      mark(field, message);
      if (message && !first) { first = field; }
    });
    return first;
  }

  form.noValidate = true; // the messages below replace the browser's bubbles (the constraints stay)
  form.addEventListener("submit", function (event) {
    tried = true;
    update();
    var first = checkAll();
    if (first) {
      event.preventDefault();
      first.focus();
    }
  });
  form.addEventListener("change", function (event) {
    update();
    if (tried && event.target.closest(".field")) { mark(event.target, messageFor(event.target)); }
  });
  form.addEventListener("input", function (event) {
    if (event.target.getAttribute("aria-invalid") === "true" && !messageFor(event.target)) { mark(event.target, ""); }
  });
  update();
  var invalid = form.querySelector("[aria-invalid=true]");
  if (invalid) { invalid.focus(); }
}());

/* Back-office charts: each <canvas data-chart="ID" data-kind="bar|hbar|doughnut"> is drawn from the
   JSON in <script type="application/json" id="ID"> ({labels, datasets: [{label, data}]}), amounts in VND. */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var lang = document.documentElement.lang === "en" ? "en-US" : "vi-VN";
  var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var compact = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
  var colours = ["#0f5c4d", "#d99a1e", "#5b8def", "#b3261e", "#7a4b00", "#1e7a43", "#8e6cc7", "#5b6b70"];
  var vnd = function (value) { return lang === "en-US" ? "₫" + number.format(value) : number.format(value) + " ₫"; };

  /* Long producer names would squeeze the bars on a phone: shorten the axis labels, not the tooltips. */
  function shortLabel(max) {
    return function (value) {
      var label = String(this.getLabelForValue(value));
      return label.length > max ? label.slice(0, max - 1) + "…" : label;
    };
  }

  function options(kind, width) {
    var money = { callbacks: { label: function (item) {
      return (item.dataset.label ? item.dataset.label + ": " : "") + vnd(item.raw);
    } } };
    if (kind === "doughnut") {
      return { responsive: true, maintainAspectRatio: false, plugins: { tooltip: money, legend: { position: "bottom" } } };
    }
    var amountAxis = { beginAtZero: true, ticks: { callback: function (value) { return compact.format(value); } } };
    return {
      responsive: true, maintainAspectRatio: false, indexAxis: kind === "hbar" ? "y" : "x",
      scales: kind === "hbar"
        ? { x: amountAxis, y: { ticks: { callback: shortLabel(width < 500 ? 16 : 30) } } }
        : { y: amountAxis },
      plugins: { tooltip: money, legend: { position: "bottom" } }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var kind = canvas.dataset.kind || "bar";
    var box = canvas.parentElement;
    if (kind === "hbar" && box.dataset.bars) {
      box.style.height = Math.max(160, 60 + 44 * Number(box.dataset.bars)) + "px";
    }
    if (kind === "doughnut") {
      data.datasets = [{ label: data.datasets[0].label, data: data.datasets[0].data, backgroundColor: colours }];
    } else {
      data.datasets.forEach(function (set, i) {
        set.backgroundColor = colours[i % colours.length];
        set.borderRadius = 3;
      });
    }
    new window.Chart(canvas, { type: kind === "doughnut" ? "doughnut" : "bar", data: data, options: options(kind, box.clientWidth) });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();

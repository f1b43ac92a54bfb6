/* Producer dashboard: draw the 30-day sales chart from the JSON block the page carries. */
(function () {
  "use strict";
  var canvas = document.getElementById("sales-chart");
  var source = document.getElementById("sales-chart-data");
  if (!canvas || !source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var locale = data.locale === "en" ? "en-GB" : "vi-VN";
  var money = new Intl.NumberFormat(data.locale === "en" ? "en-US" : "vi-VN", {
    style: "currency", currency: "VND", maximumFractionDigits: 0
  });
  var compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  var dayFormat = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", timeZone: "UTC" });
  var labels = data.days.map(function (iso) {
    var parts = iso.split("-");
    return dayFormat.format(new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2])));
  });

  new window.Chart(canvas, {
    data: {
      labels: labels,
      datasets: [
        {
          type: "bar", label: data.labels.revenue, data: data.revenue, yAxisID: "revenue",
          backgroundColor: "rgba(15, 92, 77, 0.75)", borderRadius: 3, order: 2
        },
        {
          type: "line", label: data.labels.units, data: data.units, yAxisID: "units",
          borderColor: "#d99a1e", backgroundColor: "#d99a1e", pointRadius: 2, cubicInterpolationMode: "monotone", order: 1
        }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            label: function (item) {
              var value = item.dataset.yAxisID === "revenue" ? money.format(item.raw) : item.raw;
              return item.dataset.label + ": " + value;
            }
          }
        }
      },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
        revenue: {
          type: "linear", position: "left", beginAtZero: true,
          ticks: { callback: function (value) { return compact.format(value); } }
        },
        units: {
          type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
          ticks: { precision: 0 }
        }
      }
    }
  });
}());

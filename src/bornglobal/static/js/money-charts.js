/* The money charts (money/earnings.html, money/books.html). Amounts arrive as exact
   decimal text in major units; the numbers made from them here are for drawing only,
   and every tooltip shows the amount as the server formatted it in the viewer's locale. */
(function () {
  "use strict";

  var COLORS = {
    wallet: "rgba(47, 93, 138, 0.85)",
    escrow: "rgba(63, 143, 131, 0.85)",
    payable: "rgba(214, 149, 44, 0.85)",
    fees: "rgba(125, 135, 150, 0.7)"
  };
  var MUTED = "#5d6b7a";
  var GRID = "#e9edf1";

  function payload(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  function redraw(canvasId, config) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || !config || typeof window.Chart === "undefined") return;
    var drawn = window.Chart.getChart(canvas);
    if (drawn) drawn.destroy();
    new window.Chart(canvas, config);
  }

  function balanceConfig() {
    var data = payload("balance-chart-data");
    if (!data || !data.labels.length) return null;
    var totals = data.labels.map(function (_, index) {
      return data.series.reduce(function (sum, series) {
        return sum + Math.max(0, Number(series.amounts[index]));
      }, 0);
    });
    var datasets = data.series.map(function (series) {
      return {
        label: series.label,
        texts: series.texts,
        data: series.amounts.map(function (amount, index) {
          return totals[index] ? 100 * Math.max(0, Number(amount)) / totals[index] : 0;
        }),
        backgroundColor: COLORS[series.key],
        borderRadius: 4,
        maxBarThickness: 34
      };
    });
    return {
      type: "bar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, color: MUTED } },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + item.dataset.texts[item.dataIndex] +
                  " (" + Math.round(item.raw) + "%)";
              }
            }
          }
        },
        scales: {
          x: {
            stacked: true, min: 0, max: 100, grid: { color: GRID },
            ticks: { color: MUTED, callback: function (value) { return value + "%"; } }
          },
          y: { stacked: true, grid: { display: false }, ticks: { color: MUTED, font: { weight: 600 } } }
        }
      }
    };
  }

  function earningsConfig() {
    var data = payload("earnings-chart-data");
    if (!data || !data.labels.length) return null;
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{
          label: "Received (" + data.currency + ")",
          data: data.amounts.map(Number),
          backgroundColor: "rgba(63, 143, 131, 0.75)",
          hoverBackgroundColor: "rgba(47, 93, 138, 0.9)",
          borderRadius: 6,
          maxBarThickness: 48
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) { return data.texts[item.dataIndex]; } } }
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: MUTED, maxRotation: 0 } },
          y: {
            beginAtZero: true, grid: { color: GRID },
            ticks: { color: MUTED, maxTicksLimit: 6 },
            title: { display: true, text: data.currency, color: MUTED }
          }
        }
      }
    };
  }

  function sizeChartBoxes() {
    // The box height depends on the number of currencies; set here, not in a style
    // attribute, which the Content-Security-Policy forbids.
    document.querySelectorAll(".chart-box[data-height]").forEach(function (box) {
      box.style.height = box.getAttribute("data-height") + "px";
    });
  }

  function drawMoneyCharts() {
    sizeChartBoxes();
    redraw("balance-chart", balanceConfig());
    redraw("earnings-chart", earningsConfig());
  }

  document.addEventListener("DOMContentLoaded", drawMoneyCharts);
  document.addEventListener("htmx:afterSettle", drawMoneyCharts);
})();

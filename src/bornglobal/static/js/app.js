/* Born Global web shell: small progressive enhancements. Every page works without them. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  var zoneChart = null;

  function showToast(text) {
    var toast = document.getElementById("toast");
    if (!toast) return;
    toast.textContent = text;
    toast.hidden = false;
    window.clearTimeout(showToast.timer);
    showToast.timer = window.setTimeout(function () { toast.hidden = true; }, 5000);
  }

  function shortOffset(label) {
    var match = /^UTC([+-])(\d{2}):(\d{2})$/.exec(label);
    if (!match) return label;
    var hours = String(Number(match[2]));
    return match[1] + hours + (match[3] === "00" ? "" : ":" + match[3]);
  }

  function drawZoneChart() {
    var canvas = document.getElementById("zone-chart");
    var source = document.getElementById("zone-chart-data");
    if (!canvas || !source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    if (zoneChart) zoneChart.destroy();
    zoneChart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{
          label: "Members",
          data: data.counts,
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
          tooltip: {
            callbacks: {
              afterLabel: function (item) { return (data.names[item.dataIndex] || []).join(", "); }
            }
          }
        },
        scales: {
          x: {
            grid: { display: false },
            title: { display: true, text: "UTC offset", color: "#5d6b7a" },
            ticks: {
              color: "#5d6b7a",
              font: { size: 12 },
              maxRotation: 0,
              callback: function (value) {
                var label = this.getLabelForValue(value);
                // When space is short, "UTC+05:30" becomes "+5:30" so every offset fits.
                var room = this.chart.width / Math.max(1, data.labels.length);
                return room < 72 ? shortOffset(label) : label;
              }
            }
          },
          y: {
            beginAtZero: true,
            ticks: { precision: 0, color: "#5d6b7a", font: { size: 12 } },
            grid: { color: "#e9edf1" },
            title: { display: true, text: "people", color: "#5d6b7a" }
          }
        }
      }
    });
  }

  function onReady() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.requestSubmit(); });
    });

    var zone = document.querySelector("select[data-guess-zone]");
    if (zone && window.Intl && !zone.closest("form").querySelector(".has-error")) {
      var guess = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (guess && zone.value === "UTC" &&
          Array.prototype.some.call(zone.options, function (o) { return o.value === guess; })) {
        zone.value = guess;
      }
    }

    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var field = document.querySelector(button.getAttribute("data-copy"));
        if (!field) return;
        field.select();
        if (navigator.clipboard) {
          navigator.clipboard.writeText(field.value).then(function () { showToast("Copied."); });
        }
      });
    });

    document.addEventListener("click", function (event) {
      document.querySelectorAll("details.usermenu[open]").forEach(function (menu) {
        if (!menu.contains(event.target)) menu.removeAttribute("open");
      });
    });

    drawZoneChart();
  }

  document.addEventListener("htmx:afterSettle", drawZoneChart);
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    var text = status === 403 ? "You may not do this." :
      status === 404 ? "Not found: it may have been removed." :
      "Something went wrong (" + status + "). Please try again.";
    showToast(text);
  });
  document.addEventListener("htmx:sendError", function () {
    showToast("The server cannot be reached. Check your connection.");
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }
})();

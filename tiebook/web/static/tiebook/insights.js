// Draws the Insights page's charts from the data the page carries (json_script); the tables
// beside each chart hold the same figures, so the page says everything without this script.
(() => {
  const source = document.getElementById("health-charts");
  if (!source || typeof Chart === "undefined") return;
  const charts = JSON.parse(source.textContent);
  const colours = ["#1f4e5f", "#a33b20", "#7a5b00", "#1f6b3a", "#6b4c9a"];
  const kinds = { categories: "doughnut", touches: "line" };

  function datasets(chart, kind) {
    return Object.entries(chart.series).map(([label, data], i) => ({
      label,
      data,
      backgroundColor: kind === "doughnut" ? colours : colours[i % colours.length],
      borderColor: kind === "line" ? colours[0] : undefined,
      fill: false,
    }));
  }

  function options(chart, kind) {
    const many = Object.keys(chart.series).length > 1;
    const base = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: many || kind === "doughnut" } },
    };
    if (kind === "doughnut") return base;
    const stacked = Boolean(chart.stacked);
    return {
      ...base,
      scales: {
        x: { stacked },
        y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
      },
    };
  }

  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const chart = charts[canvas.dataset.chart];
    if (!chart) continue;
    const kind = kinds[canvas.dataset.chart] || "bar";
    new Chart(canvas, {
      type: kind,
      data: { labels: chart.labels, datasets: datasets(chart, kind) },
      options: options(chart, kind),
    });
    canvas.closest("figure").classList.add("drawn");
  }
})();

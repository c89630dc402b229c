/* Dashboard charts: each <canvas data-chart="KIND" data-source="ID"> is drawn from the JSON in
   <script type="application/json" id="ID">. Withheld figures arrive as null and show as gaps. */
(function () {
  "use strict";

  const COLOURS = ["#2d5bd7", "#e07b24", "#1f8a4c", "#8e44ad", "#c0392b", "#16a085"];

  function readJson(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function formatNumber(value, digits) {
    return value === null || value === undefined ? "withheld" : Number(value).toFixed(digits);
  }

  function trendChart(canvas, data) {
    const scales = { x: { grid: { display: false } } };
    Object.entries(data.axes).forEach(([id, axis]) => {
      scales[id] = {
        type: "linear",
        position: axis.position,
        min: axis.min,
        max: axis.max,
        title: { display: true, text: axis.title },
        grid: { drawOnChartArea: axis.position === "left" },
      };
    });
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map((series, index) => ({
          label: series.label,
          data: series.values,
          yAxisID: series.axis,
          borderColor: COLOURS[index % COLOURS.length],
          backgroundColor: COLOURS[index % COLOURS.length],
          borderDash: series.dashed ? [6, 4] : [],
          spanGaps: false,
          tension: 0.25,
          pointRadius: 3,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${formatNumber(item.raw, 1)}`,
            },
          },
        },
        scales: scales,
      },
    });
  }

  function correlationChart(canvas, data) {
    const best = data.best_lag;
    return new Chart(canvas, {
      data: {
        labels: data.lags.map((lag) => (lag > 0 ? `+${lag}` : `${lag}`)),
        datasets: [
          {
            type: "bar",
            label: "95% interval",
            data: data.ci,
            backgroundColor: data.lags.map((lag) => (lag === best ? "rgba(45,91,215,.45)" : "rgba(91,100,120,.25)")),
            barPercentage: 0.25,
            order: 2,
          },
          {
            type: "line",
            label: "r (correlation)",
            data: data.r,
            showLine: false,
            pointRadius: data.lags.map((lag) => (lag === best ? 7 : 4)),
            pointBackgroundColor: data.lags.map((lag) => (lag === best ? "#2d5bd7" : "#1d2433")),
            borderColor: "#1d2433",
            order: 1,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: (item) =>
                Array.isArray(item.raw)
                  ? `95% interval: ${formatNumber(item.raw[0], 2)} to ${formatNumber(item.raw[1], 2)}`
                  : `r = ${formatNumber(item.raw, 2)}`,
            },
          },
        },
        scales: {
          x: { title: { display: true, text: data.x_title } },
          y: { min: -1, max: 1, title: { display: true, text: "correlation r" } },
        },
      },
    });
  }

  const RENDERERS = { trend: trendChart, correlation: correlationChart };

  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const data = readJson(canvas.dataset.source);
    const render = RENDERERS[canvas.dataset.chart];
    if (data && render) {
      render(canvas, data);
    }
  });
})();

// Online-market pages (letter 1): the district ranking chart and the print button. Data comes from data attributes,
// never from inline script (the CSP forbids it); the table beside the chart carries the same numbers without JS.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-print]').forEach((b) => b.addEventListener('click', () => window.print()));

  const canvas = document.getElementById('ranking-chart');
  if (canvas && window.Chart) {
    const data = JSON.parse(canvas.dataset.chart);
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [{
          label: 'ร้อยละของผลิตภัณฑ์ที่จำหน่ายออนไลน์',
          data: data.percents,
          backgroundColor: data.colours,
        }],
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => `ร้อยละ ${ctx.parsed.x} · ${data.scores[ctx.dataIndex]} คะแนน` } },
        },
        scales: {
          x: { beginAtZero: true, suggestedMax: Math.max(data.target + 2, ...data.percents), title: { display: true, text: 'ร้อยละ' } },
        },
        font: { family: 'Sarabun' },
      },
    });
  }
});

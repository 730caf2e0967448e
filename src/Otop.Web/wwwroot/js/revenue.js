// Revenue pages: the รต.1 grid's running total and keyboard moves, the dashboard and trends chart and the deadline countdown.
// Progressive enhancement only: every form posts and every page reads without this file.
(() => {
  const thaiZero = 0x0E50;

  // Same rule as ThaiMoney.Read on the server (Otop.Domain): Thai or Arabic digits, thousands in groups of three by ','
  // or spaces, '.' and at most 2 decimals, a leading '฿', a leading or trailing 'บาท' / 'บ.', a closing '.-'; nothing
  // negative. null: the field is empty (not reported); NaN: the server will refuse it.
  function parseAmount(text) {
    if (!text) return null;
    let s = text.replace(/[\u200B\uFEFF]/g, '').replace(/[\u0E50-\u0E59]/g, c => String(c.charCodeAt(0) - thaiZero)).replace(/\s+/g, ' ').trim();
    if (!s) return null;
    for (let changed = true; changed;) {
      changed = false;
      for (const w of ['฿', 'บาท', 'บ.']) if (s.startsWith(w)) { s = s.slice(w.length).trim(); changed = true; }
      for (const w of ['บาท', 'บ.']) if (s.endsWith(w)) { s = s.slice(0, -w.length).trim(); changed = true; }
    }
    if (/\d\.-$/.test(s)) s = s.slice(0, -2);
    const m = /^((?:\d{1,3}(?:,\d{3})+)|(?:\d{1,3}(?: \d{3})+)|\d*)(?:\.(\d{1,2}))?$/.exec(s);
    if (!m || (!m[1] && !m[2])) return NaN;
    const whole = m[1].replace(/[, ]/g, '').replace(/^0+(?=\d)/, '');
    if (whole.length > 12) return NaN; // numeric(14,2)
    return Number((whole || '0') + (m[2] ? '.' + m[2] : ''));
  }

  const money = v => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  function setUpGrid(grid) {
    const inputs = Array.from(grid.querySelectorAll('input.rev-amount'));
    const total = document.getElementById('rev-total');
    const recompute = () => {
      let sum = 0, bad = 0;
      for (const input of inputs) {
        const v = parseAmount(input.value);
        if (v === null) continue;
        if (Number.isNaN(v)) { bad++; continue; }
        sum += Math.round(v * 100);
      }
      total.textContent = money(sum / 100) + (bad ? ` (ยังไม่นับ ${bad} ช่องที่ไม่ใช่ตัวเลข)` : '');
    };
    inputs.forEach((input, i) => {
      input.addEventListener('input', () => {
        // A figure typed is a figure: "no sales this month" no longer applies.
        const mark = input.closest('td').querySelector('input[type=checkbox][name$=".NoSales"]');
        if (mark && input.value.trim() && parseAmount(input.value) !== 0) mark.checked = false;
        recompute();
      });
      // Enter and the down arrow move down a row, the up arrow up (a desk officer types a column from the paper รต.1).
      input.addEventListener('keydown', e => {
        const step = e.key === 'Enter' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        const next = inputs[i + step];
        if (next) { next.focus(); next.select(); }
      });
    });
    grid.querySelectorAll('input[type=checkbox][name$=".NoSales"]').forEach(mark => mark.addEventListener('change', () => {
      const amount = mark.closest('td').querySelector('input.rev-amount');
      if (mark.checked && amount && !amount.readOnly) { amount.value = ''; recompute(); }
    }));
    grid.addEventListener('input', e => { if (e.target === grid) recompute(); }); // a draft put back (drafts.js)
    recompute();
  }

  function setUpCountdown(el) {
    // Count from the server's clock (the app's TimeProvider), not the browser's, which may be off.
    const deadline = new Date(el.dataset.deadline);
    const skew = el.dataset.now ? new Date(el.dataset.now) - new Date() : 0;
    const tick = () => {
      let ms = deadline - new Date(Date.now() + skew);
      if (ms <= 0) { el.textContent = 'ถึงกำหนดแล้ว'; return; }
      const days = Math.floor(ms / 86400000); ms -= days * 86400000;
      const h = Math.floor(ms / 3600000); ms -= h * 3600000;
      const m = Math.floor(ms / 60000); const s = Math.floor((ms - m * 60000) / 1000);
      el.textContent = `อีก ${days} วัน ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')} ชม.`;
    };
    tick();
    setInterval(tick, 1000);
  }

  // A revenue series' look: this year purple, last year amber, earlier years grey and thin, the estimate dashed teal.
  const looks = {
    current: { color: '#6b2c91', borderWidth: 4, pointRadius: 4 },
    last: { color: '#f2a900', borderWidth: 2.5, pointRadius: 3 },
    earlier: { color: '#8a8a8a', borderWidth: 1.5, pointRadius: 2 },
    estimate: { color: '#2a9d8f', borderWidth: 2, borderDash: [6, 4] },
  };

  function dataset(s) {
    const look = looks[s.emphasis] || looks.earlier;
    return {
      type: s.type, label: s.label, data: s.data, borderColor: look.color, backgroundColor: look.color,
      borderWidth: s.type === 'line' ? look.borderWidth : undefined, borderDash: look.borderDash, pointRadius: look.pointRadius, tension: 0.2, spanGaps: false,
    };
  }

  // The dashboard's this year / last year / estimate, or the series the page lists (the trends page: one line per year).
  function seriesOf(data) {
    return data.series || [
      { type: 'bar', label: data.thisYearLabel, data: data.thisYear, emphasis: 'current' },
      { type: 'line', label: data.lastYearLabel, data: data.lastYear, emphasis: 'last' },
      { type: 'line', label: 'ประมาณการ', data: data.estimate, emphasis: 'estimate' },
    ];
  }

  function setUpChart(canvas) {
    if (typeof Chart === 'undefined') return;
    const data = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      data: { labels: data.labels, datasets: seriesOf(data).map(dataset) },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, ticks: { callback: v => v.toLocaleString('en-US') } } },
        plugins: { tooltip: { callbacks: { label: c => `${c.dataset.label}: ${c.parsed.y === null ? 'ไม่มีข้อมูล' : money(c.parsed.y) + ' บาท'}` } } },
      },
    });
  }

  // The reporting rates per month (issue 17, item 4): the same figures as the table's footer, months not yet due left empty.
  function setUpRatesChart(canvas) {
    if (typeof Chart === 'undefined') return;
    const data = JSON.parse(canvas.dataset.ratesChart);
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: 'bar', label: 'อัตราการส่ง (%)', data: data.reporting, backgroundColor: '#6b2c91' },
          { type: 'line', label: 'ส่งตรงเวลา (%)', data: data.onTime, borderColor: '#b35c00', backgroundColor: '#b35c00', tension: 0.2, spanGaps: false },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, max: 100, ticks: { callback: v => `${v}%` } } },
        plugins: { tooltip: { callbacks: { label: c => `${c.dataset.label}: ${c.parsed.y === null ? 'ยังไม่ถึงกำหนด' : c.parsed.y.toFixed(2)}` } } },
      },
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('canvas[data-rates-chart]').forEach(setUpRatesChart);
    const grid = document.getElementById('revenue-grid');
    if (grid) setUpGrid(grid);
    document.querySelectorAll('[data-deadline]').forEach(setUpCountdown);
    document.querySelectorAll('canvas[data-chart]').forEach(setUpChart);
  });
})();

// Print view (issue 6): the "พิมพ์" button prints the sheet with print.css; no inline script (CSP).
document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));

// Print view (docs/decisions/006-documents.md): the "พิมพ์" button prints the sheet with print.css; no inline script (CSP).
document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));

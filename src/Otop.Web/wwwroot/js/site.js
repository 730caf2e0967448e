// Small progressive enhancements; every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Put the cursor in the first field of a data-entry form.
  const first = document.querySelector('[data-autofocus]');
  if (first) first.focus();
});

// Issue 15 item 9 (WCAG 2.1.1): a table wider than a phone scrolls inside its box; the box takes focus so that the
// arrow keys scroll it without a mouse (axe "scrollable-region-focusable").
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('.table-responsive').forEach((box) => {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute('tabindex')) box.tabIndex = 0;
  });
});

// Issue 15 item 4 (WCAG 3.3.1): the error summary (Shared/_ErrorSummary) takes the focus when the page comes back with
// errors, and each of its links puts the cursor in the field it names (not only scrolls to it). When drafts.js shows the
// server's answer it rewrites the document (document.open/write/close), which runs the layout's scripts, this one too,
// again: the answer's summary takes the focus the same way (EntryResilienceJourneyTests checks it).
(() => {
  const setUp = () => {
    const summary = document.querySelector('[data-error-summary]');
    if (!summary) return;
    summary.focus();
    summary.addEventListener('click', (e) => {
      const link = e.target.closest('a[data-error-link]');
      if (!link) return;
      const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) return;
      e.preventDefault();
      const row = field.closest('tr');
      if (row && row.hidden) row.hidden = false; // a paged grid (estimate.js) shows the row in error
      const details = field.closest('details');
      if (details) details.open = true; // a field inside a closed <details> (the letter's correction form)
      field.scrollIntoView({ block: 'center' });
      field.focus();
      history.replaceState(null, '', link.hash);
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();

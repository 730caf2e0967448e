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

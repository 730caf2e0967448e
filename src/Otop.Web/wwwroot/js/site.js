// Small progressive enhancements; every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Put the cursor in the first field of a data-entry form.
  const first = document.querySelector('[data-autofocus]');
  if (first) first.focus();
});

// The triage queue's keyboard and htmx wiring. A file, not inline script: the CSP forbids inline.
(() => {
  // htmx's indicator styles are an inline <style>, and eval is off: both would break the CSP.
  htmx.config.includeIndicatorStyles = false;
  htmx.config.allowEval = false;

  const rows = () => Array.from(document.querySelectorAll('[data-match]'));
  let currentId = null;
  // After a keyboard decision the next job comes up, so a lead can go s, d, d, s… without j.
  let advance = false;

  const current = () => rows().find((r) => r.dataset.match === currentId) || null;

  const focus = (row, moveFocus = true) => {
    rows().forEach((r) => r.classList.remove('is-current'));
    if (!row) return;
    currentId = row.dataset.match;
    row.classList.add('is-current');
    if (!moveFocus) return;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  };

  const move = (step) => {
    const all = rows();
    if (all.length === 0) return;
    const at = all.indexOf(current());
    focus(all[Math.min(all.length - 1, Math.max(0, at < 0 ? 0 : at + step))]);
  };

  const press = (row, action) => {
    const button = row && row.querySelector(`button[name="Action"][value="${action}"]`);
    if (button) button.click();
  };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest('input, select, textarea, [contenteditable]')) return;
    const row = current();
    switch (event.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 's': advance = true; press(row, 'Shortlist'); break;
      case 'd': advance = true; press(row, 'Dismiss'); break;
      case 'a':
        if (row) {
          const more = row.querySelector('details');
          if (more) more.open = true;
          const select = row.querySelector('[data-assign]');
          if (select) select.focus();
        }
        break;
      case 'x':
        if (row) {
          const box = row.querySelector('[data-select]');
          if (box) box.checked = !box.checked;
        }
        break;
      case 'o':
        if (row) row.querySelector('[data-open]').click();
        break;
      case '?': {
        const help = document.getElementById('shortcuts');
        if (!help) return;
        bootstrap.Modal.getOrCreateInstance(help).show();
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  // A swapped row (after an action) or a swapped list (after a bulk action) keeps the place.
  document.body.addEventListener('htmx:afterSettle', () => {
    const row = current();
    if (row) focus(row); else if (currentId !== null) move(0);
    if (advance) { advance = false; move(1); }
  });
  document.addEventListener('click', (event) => {
    // Marks the row without taking focus: htmx reads which button submitted from the focus.
    const row = event.target.closest('[data-match]');
    if (row) focus(row, false);
  });
})();

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

  // The one panel of reason, snooze and assign choices, shared by every row: it remembers the row
  // it was opened for and sends the chosen action with that row's form (id, version, token).
  const panel = document.getElementById('more-panel');
  let panelRow = null;
  const openMore = (row, focusSelector) => {
    if (!panel || !row || !row.querySelector('form.queue-actions')) return false;
    focus(row, false);
    panelRow = row.dataset.match;
    panel.querySelector('[data-more-job]').textContent = row.querySelector('[data-open]').textContent;
    const assign = panel.querySelector('[data-assign]');
    // The row's assignee, or "choose a person…": never a person picked for the last row.
    assign.value = row.dataset.assignee || '';
    panel.addEventListener('shown.bs.modal', () => panel.querySelector(focusSelector).focus(), { once: true });
    bootstrap.Modal.getOrCreateInstance(panel).show();
    return true;
  };
  if (panel) {
    panel.addEventListener('click', (event) => {
      const button = event.target.closest('[data-more-action]');
      const row = panelRow && document.getElementById(`match-${panelRow}`);
      if (!button || !row) return;
      const form = row.querySelector('form.queue-actions');
      const choice = button.closest('.input-group').querySelector('select');
      bootstrap.Modal.getOrCreateInstance(panel).hide();
      htmx.ajax('POST', form.getAttribute('action'), {
        source: form, target: row, swap: 'outerHTML', values: { Action: button.value, [choice.name]: choice.value },
      });
    });
    panel.addEventListener('hidden.bs.modal', () => {
      panelRow = null;
      const row = current();
      if (row) focus(row);
    });
  }

  const press = (row, action) => {
    const button = row && row.querySelector(`button[name="Action"][value="${action}"]`);
    if (button) button.click();
  };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest('input, select, textarea, [contenteditable], .modal')) return;
    const row = current();
    switch (event.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 's': advance = true; press(row, 'Shortlist'); break;
      case 'd': advance = true; press(row, 'Dismiss'); break;
      case 'a': if (!openMore(row, '[data-assign]')) return; break;
      case 'm': if (!openMore(row, 'select')) return; break;
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
    const more = event.target.closest('[data-more]');
    if (more && openMore(more.closest('[data-match]'), 'select')) {
      event.preventDefault();
      return;
    }
    // Marks the row without taking focus: htmx reads which button submitted from the focus.
    const row = event.target.closest('[data-match]');
    if (row) focus(row, false);
  });
})();

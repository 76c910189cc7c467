// The pipeline board's drag and drop: dropping a card on a column sets the card's own Stage
// choice and sends its form, the same post the keyboard and no-script path make. A file, not
// inline script: the CSP forbids inline.
(() => {
  const board = document.querySelector('[data-testid="board"]');
  if (!board) return;
  let dragged = null;
  board.addEventListener('dragstart', (event) => {
    dragged = event.target.closest('[data-testid="card"][draggable="true"]');
    if (!dragged) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', dragged.dataset.id);
  });
  const columnOf = (event) => event.target.closest('[data-stage]');
  board.addEventListener('dragover', (event) => {
    const column = columnOf(event);
    if (!dragged || !column) return;
    event.preventDefault();
    board.querySelectorAll('.is-drop-target').forEach((c) => c !== column && c.classList.remove('is-drop-target'));
    column.classList.add('is-drop-target');
  });
  board.addEventListener('dragleave', (event) => {
    const column = columnOf(event);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove('is-drop-target');
  });
  board.addEventListener('drop', (event) => {
    const column = columnOf(event);
    if (!dragged || !column) return;
    event.preventDefault();
    column.classList.remove('is-drop-target');
    const form = dragged.querySelector('form[data-testid="stage-form"]');
    const select = form && form.querySelector('select[name="Stage.To"]');
    if (select && select.value !== column.dataset.stage) {
      select.value = column.dataset.stage;
      form.requestSubmit();
    }
    dragged = null;
  });
  board.addEventListener('dragend', () => { dragged = null; });
})();

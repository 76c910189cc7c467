// Site-wide behaviour, loaded as a file because the Content-Security-Policy forbids inline script.
document.addEventListener('submit', (event) => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Names each table cell after its column, for the stacked-card layout on a phone (site.css).
const labelCells = (root) => {
  for (const table of root.querySelectorAll('table.table')) {
    const heads = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent.trim());
    if (heads.length === 0) continue;
    for (const row of table.querySelectorAll('tbody tr')) {
      let column = 0;
      for (const cell of row.children) {
        const name = heads[column];
        if (name && !cell.hasAttribute('data-label') && cell.colSpan === 1) cell.setAttribute('data-label', name);
        column += cell.colSpan || 1;
      }
    }
  }
};
labelCells(document);
document.addEventListener('htmx:afterSettle', (event) => labelCells(event.target));
document.addEventListener('live:swapped', (event) => labelCells(event.target));

// Tells the server the browser's time zone, so pages show times in it (Features/Shared/UserTime.cs).
try {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const cookie = `ua-tz-browser=${encodeURIComponent(zone)}`;
  if (zone && !document.cookie.split('; ').includes(cookie)) {
    document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
  }
} catch {
  // No Intl time zone: times stay in UTC.
}

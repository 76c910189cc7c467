// Draws the analytics charts from the page's JSON data block (the CSP forbids inline script).
(() => {
  const source = document.getElementById('analytics-data');
  if (!source || typeof Chart === 'undefined') {
    return;
  }
  const data = JSON.parse(source.textContent);
  const colours = { sent: '#adb5bd', reply: '#0d6efd', shortlist: '#fd7e14', win: '#198754' };
  const percentAxis = { beginAtZero: true, suggestedMax: 50, title: { display: true, text: '%' } };
  const common = { animation: false, responsive: true, maintainAspectRatio: true };

  const rateSets = (d) => [
    { label: 'Reply %', data: d.reply, backgroundColor: colours.reply, borderColor: colours.reply },
    { label: 'Shortlist %', data: d.shortlist, backgroundColor: colours.shortlist, borderColor: colours.shortlist },
    { label: 'Win %', data: d.win, backgroundColor: colours.win, borderColor: colours.win },
  ];

  const configs = {
    weeks: {
      type: 'bar',
      data: {
        labels: data.weeks.labels,
        datasets: [
          { type: 'bar', label: 'Sent', data: data.weeks.sent, backgroundColor: colours.sent, yAxisID: 'count' },
          ...rateSets(data.weeks).map((s) => ({ ...s, type: 'line', yAxisID: 'rate', spanGaps: true })),
        ],
      },
      options: { ...common, scales: { count: { position: 'right', beginAtZero: true, title: { display: true, text: 'sent' } }, rate: percentAxis } },
    },
    lanes: {
      type: 'bar',
      data: { labels: data.lanes.labels, datasets: rateSets(data.lanes) },
      options: { ...common, scales: { y: percentAxis } },
    },
    postAge: {
      type: 'bar',
      data: {
        labels: data.postAge.labels,
        datasets: [{ label: 'Reply %', data: data.postAge.reply, backgroundColor: colours.reply }],
      },
      options: { ...common, scales: { y: percentAxis } },
    },
  };

  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    const config = configs[canvas.dataset.chart];
    if (config) {
      new Chart(canvas, config);
      // Drawing is synchronous with animation off; the attribute tells tests and people it is done.
      canvas.dataset.rendered = 'true';
    }
  });
})();

// Live pages (docs/home.md): one EventSource per tab on /live, opened only where a page has
// something to keep current (home counts, the queue's "N new" bar and counts, the drafts list) or
// the reader turned browser notifications on. Without script every page is a plain page.
(() => {
  const regions = () => Array.from(document.querySelectorAll('[data-live-refresh]'));
  const since = document.querySelector('[data-live-since]');
  const notifyOn = document.body.dataset.notify === 'on' && 'Notification' in window;
  if (regions().length === 0 && !since && !notifyOn) return;

  const notify = (body) => {
    if (notifyOn && Notification.permission === 'granted') new Notification('UpworkAssist', { body });
  };

  // Re-reads this page and swaps in the regions that follow a topic; one fetch for a burst of changes.
  let pending = null;
  const refresh = (topic) => {
    if (!regions().some((r) => r.dataset.liveRefresh.split(' ').includes(topic))) return;
    clearTimeout(pending);
    pending = setTimeout(async () => {
      const response = await fetch(location.href, { headers: { 'X-Live': '1' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      for (const region of regions()) {
        const fresh = region.id && next.getElementById(region.id);
        // Never pull a control out from under the reader's hands.
        if (fresh && !region.contains(document.activeElement)) {
          region.replaceWith(fresh);
          fresh.dispatchEvent(new CustomEvent('live:swapped', { bubbles: true }));
        }
      }
    }, 300);
  };

  // A row changed by someone else since this page drew it: say so in the row, change nothing.
  const conflict = (change) => {
    const row = document.getElementById(`match-${change.match}`);
    if (!row || change.mine || Number(row.dataset.version) >= change.version || row.querySelector('[data-testid=conflict]')) return;
    const note = document.createElement('div');
    note.className = 'alert alert-warning py-1 px-2 small mt-2 mb-0';
    note.setAttribute('role', 'status');
    note.dataset.testid = 'conflict';
    note.textContent = `${change.by || 'Someone'} changed this job since you opened the page. `;
    const reload = document.createElement('a');
    reload.href = location.href;
    reload.textContent = 'Reload to see it';
    note.append(reload);
    row.append(note);
  };

  const query = new URLSearchParams();
  if (since) {
    query.set('since', since.dataset.liveSince);
    if (since.dataset.liveLane) query.set('lane', since.dataset.liveLane);
  }
  const events = new EventSource(`/live${query.size ? `?${query}` : ''}`);
  let lastNew = 0;
  events.addEventListener('queue', (event) => {
    const count = JSON.parse(event.data).new;
    const bar = document.querySelector('[data-live-bar]');
    if (bar && count > 0) {
      bar.querySelector('[data-live-count]').textContent = `${count} new`;
      bar.hidden = false;
    }
    if (count > lastNew) notify(`${count} new matching job${count === 1 ? '' : 's'} in the queue`);
    lastNew = count;
  });
  events.addEventListener('change', (event) => {
    const change = JSON.parse(event.data);
    if (change.topic === 'triage') {
      conflict(change);
      if (change.assignedToMe && !change.mine) notify('A job was assigned to you');
    }
    refresh(change.topic);
  });
})();

// The notifications choice (Account → Notifications): the browser's permission is asked only on this click.
document.addEventListener('click', async (event) => {
  const ask = event.target.closest('[data-ask-notify]');
  if (!ask || !('Notification' in window)) return;
  const state = await Notification.requestPermission();
  const shown = document.querySelector('[data-notify-permission]');
  if (shown) shown.textContent = state;
});
document.querySelectorAll('[data-notify-permission]').forEach((shown) => {
  shown.textContent = 'Notification' in window ? Notification.permission : 'not supported by this browser';
});

// The draft editor: autosave with live checks and phone preview, proof/snippet insertion,
// and the approved draft's Copy text / Open job buttons. Loaded as a file (the CSP forbids inline script).
(() => {
  const form = document.getElementById('draft-form');
  if (form) {
    const text = document.getElementById('draft-text');
    const version = form.querySelector('input[name="Version"]');
    const state = document.getElementById('autosave-state');
    const length = document.getElementById('draft-length');
    const opening = document.getElementById('phone-opening');
    let timer = null;
    let saving = false;
    let pending = false;

    const render = (result) => {
      version.value = result.version;
      length.textContent = result.length;
      opening.textContent = result.preview;
      const distance = document.querySelector('[data-testid="edit-distance"]');
      if (distance) distance.textContent = result.editDistance;
      for (const check of result.checks) {
        const item = document.querySelector(`#draft-checks li[data-code="${check.code}"]`);
        if (!item) continue;
        item.className = check.passed ? 'check-pass' : 'check-fail';
        item.querySelector('.check-mark').textContent = check.passed ? '✓' : '✗';
        item.querySelector('.check-state').textContent = check.passed ? 'passed' : 'failed';
        item.querySelector('.check-message').textContent = check.message || '';
      }
    };

    const save = async () => {
      if (saving) { pending = true; return; }
      saving = true;
      state.textContent = 'Saving…';
      try {
        const response = await fetch(form.dataset.autosaveUrl, { method: 'POST', body: new FormData(form) });
        const result = await response.json();
        if (response.ok) {
          render(result);
          state.textContent = result.saved ? `Saved version at ${new Date().toLocaleTimeString()}` : 'Saved.';
        } else {
          // Keep the text on screen: nothing typed is lost, the person can copy it or reload.
          state.textContent = result.error || 'Not saved.';
        }
      } catch {
        state.textContent = 'Not saved (offline?); your text is still here.';
      } finally {
        saving = false;
        if (pending) { pending = false; save(); }
      }
    };

    text.addEventListener('input', () => {
      state.textContent = 'Editing…';
      length.textContent = text.value.trim().length;
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    });

    form.addEventListener('click', (event) => {
      const button = event.target.closest('[data-insert-from]');
      if (!button) return;
      const value = document.getElementById(button.dataset.insertFrom).value;
      if (button.dataset.replaceLinks && /https?:\/\/\S+/.test(text.value)) {
        // One proof per proposal: the chosen link replaces the ones already there.
        let first = true;
        text.value = text.value.replace(/https?:\/\/\S+/g, () => (first ? ((first = false), value) : '')).replace(/[ \t]+\n/g, '\n');
      } else {
        const at = text.selectionStart ?? text.value.length;
        text.value = `${text.value.slice(0, at)}${value}${text.value.slice(at)}`;
      }
      text.dispatchEvent(new Event('input'));
    });
  }

  const actions = document.getElementById('send-actions');
  if (actions) {
    const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
    const record = (url) => fetch(url, { method: 'POST', headers: { RequestVerificationToken: token } });
    const state = document.getElementById('copy-state');
    document.getElementById('copy-text').addEventListener('click', async () => {
      const final = document.getElementById('draft-final').textContent;
      try {
        await navigator.clipboard.writeText(final);
      } catch {
        // Clipboard permission refused: select the text so Ctrl+C copies it.
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('draft-final'));
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      const response = await record(actions.dataset.copiedUrl);
      state.textContent = response.ok ? 'Copied. Paste it into the proposal on Upwork.' : 'Copy not recorded.';
    });
    const open = document.getElementById('open-job');
    if (open) open.addEventListener('click', () => { record(actions.dataset.openedUrl); });
  }
})();

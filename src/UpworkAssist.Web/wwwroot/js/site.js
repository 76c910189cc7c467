// Site-wide behaviour, loaded as a file because the Content-Security-Policy forbids inline script.
document.addEventListener('submit', (event) => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// The lane form: a new lane's id follows its name (LaneInput.SlugOf does the same on the server)
// until someone types an id of their own. A file, not inline script: the CSP forbids inline.
(() => {
  const source = document.querySelector('[data-slug-source]');
  const target = document.querySelector('[data-slug-target]');
  if (!source || !target) return;
  const slugOf = (name) => name.trim().toLowerCase()
    .replaceAll('c#', 'csharp').replaceAll('.net', 'dotnet').replaceAll('+', 'plus')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
  let own = target.value !== '' && target.value !== slugOf(source.value);
  target.addEventListener('input', () => { own = target.value !== ''; });
  source.addEventListener('input', () => { if (!own) target.value = slugOf(source.value); });
})();

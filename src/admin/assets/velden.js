// Fields that only apply to one choice elsewhere in the form (the municipalities when the scope is
// "Alleen gekozen gemeenten") are disabled otherwise: a disabled group is no tab stop and is not
// sent. Without JavaScript every field stays usable and the server ignores what does not apply.
for (const group of document.querySelectorAll('fieldset[data-geldt-bij]')) {
  const [name, value] = group.dataset.geldtBij.split('=');
  const form = group.closest('form');
  if (!form || !name) continue;
  const update = () => {
    const chosen = form.querySelector(`input[name="${CSS.escape(name)}"]:checked`);
    group.disabled = chosen?.value !== value;
  };
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === name) update();
  });
  update();
}

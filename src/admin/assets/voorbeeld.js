// Live preview for the compose form: posts the form to the preview endpoint as the composer
// types and fills in the preview panel. Without JavaScript the "Voorbeeld" button does the same.
const form = document.getElementById('opstellen');
const url = form?.dataset.previewUrl;
if (form && url) {
  const byId = (id) => document.getElementById(id);
  const note = byId('voorbeeld-live');
  if (note) note.hidden = false;
  let timer;
  let latest = 0;
  const setText = (id, text) => {
    const element = byId(id);
    if (element) element.textContent = text ?? '–';
  };
  const showProblems = (problems) => {
    const box = byId('voorbeeld-problemen');
    if (!box) return;
    box.replaceChildren();
    if (!problems || problems.length === 0) return;
    const list = document.createElement('ul');
    for (const problem of problems) {
      const item = document.createElement('li');
      if (problem.field) {
        const link = document.createElement('a');
        link.href = `#veld-${problem.field.replace(/[^a-zA-Z0-9]+/g, '-')}`;
        link.textContent = problem.message;
        item.append(link);
      } else item.textContent = problem.message;
      list.append(item);
    }
    const wrapper = document.createElement('div');
    wrapper.className = 'admin-warning';
    wrapper.append(list);
    box.append(wrapper);
  };
  const refresh = async () => {
    const request = ++latest;
    const data = new FormData(form);
    data.set('actie', 'voorbeeld');
    try {
      const response = await fetch(url, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.headers.get('content-type')?.includes('application/json')) return;
      const result = await response.json();
      if (request !== latest) return;
      setText('voorbeeld-onderwerp', result.subject);
      setText('voorbeeld-tekst', result.text);
      // Server-rendered by the status page's own Markdown renderer (raw HTML off, unsafe links as text).
      const statusPage = byId('voorbeeld-statuspagina');
      if (statusPage) statusPage.innerHTML = result.statusPageHtml ?? '–';
      if (result.audienceText) setText('voorbeeld-aantal', result.audienceText);
      const channelBodies = document.querySelectorAll('#voorbeeld-kanalen pre code');
      if (Array.isArray(result.channels) && result.channels.length === channelBodies.length) {
        result.channels.forEach((body, index) => {
          channelBodies[index].textContent = body;
        });
      }
      const frame = byId('voorbeeld-html');
      if (frame) frame.src = result.htmlUrl ?? 'about:blank';
      showProblems(result.problems);
    } catch {
      // The button still works; a failed live refresh is not worth an error message.
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
}

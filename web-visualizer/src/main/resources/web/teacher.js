// The teacher's page: every session's progress, refreshed every few seconds. The token comes from the
// address's fragment (#token=…), which the browser never sends to a server; it goes in a header.
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
const $ = (s) => document.querySelector(s);

const ago = (s) => (s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 3600)} h`);

function row(r) {
  const tr = document.createElement('tr');
  tr.dataset.testid = 'row';
  if (r.stuck) tr.className = 'stuck';
  const cells = [
    r.label,
    r.lesson ? r.lessonTitle : '—',
    r.lesson ? (r.lessonFinished ? '✓ finished' : `${r.step}/${r.steps}: ${r.stepTitle}`) : '',
    r.lesson ? ago(r.secondsOnStep) + (r.stuck ? ' — stuck' : '') : '',
    r.lesson ? String(r.hints) : '',
    String(r.finished),
    ago(r.idleSeconds) + ' ago',
  ];
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = c;
    tr.append(td);
  }
  return tr;
}

async function refresh() {
  const r = await fetch('/api/teacher/sessions', { headers: { Authorization: 'Bearer ' + token } });
  const body = await r.json();
  if (!r.ok) {
    $('#problem').hidden = false;
    $('#problem').textContent = body.error;
    return;
  }
  $('#problem').hidden = true;
  $('#sessions tbody').replaceChildren(...body.sessions.map(row));
  $('#updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  document.body.dataset.ready = 'true';
}

refresh();
setInterval(refresh, 3000);

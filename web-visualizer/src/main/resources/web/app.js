// The page: one session (kept in localStorage, so a reload finds it again), or with ?watch=ID a
// classroom's read-only view of a teacher's session.
import { Api } from './api.js';
import { render, standalone } from './diagram.js';
import { Terminal } from './terminal.js';
import { Timeline } from './timeline.js';
import { LabPane } from './lab.js';
import { FilesPane } from './files.js';

const $ = (s) => document.querySelector(s);
const KEY = 'glassbox.session';
const params = new URLSearchParams(location.search);
const watchId = params.get('watch');

const view = {
  api: null,
  trace: null,
  catalog: [],
  ownCommand: false,
  draws: 0,
};
window.glassbox = view;

/** The drawn objects a network hop passes (packet trace): links by name, the NAT table, the box holding the address. */
const HOPS = new Set(['route', 'MASQUERADE', 'SNAT', 'IPVS', 'LAN', 'veth', 'bridge forward', 'VXLAN encap', 'VXLAN decap', 'DNAT', 'proxy', 'connected', 'refused', 'echo reply', 'no route', 'blocked']);
function hopTargets(box, event) {
  if (!event || String(event.layer).toLowerCase() !== 'kernel' || String(event.subsystem).toLowerCase() !== 'network' || !HOPS.has(event.action)) return [];
  const found = [];
  const at = event.host && box.querySelector(`[data-host="${CSS.escape(event.host)}"]`);
  if (at) { at.classList.add('at'); box = at; } // a world: the hop's host
  if (event.action === 'LAN') found.push(...document.querySelectorAll('#diagram [data-testid="lan"]'));
  found.push(...tunnelOf(event));
  if (event.action === 'DNAT' || event.action === 'MASQUERADE' || event.action === 'SNAT') found.push(...box.querySelectorAll('[data-path$="/host/nat"]'));
  if (event.action === 'proxy') found.push(...box.querySelectorAll('[data-path$="/host/proxies"]'));
  for (const name of String(event.object).split('→')) {
    found.push(...box.querySelectorAll(`[data-path$="/host/links/${name}"]`));
  }
  const ip = String(event.object).split(':')[0];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
    for (const g of box.querySelectorAll('[data-testid^="eth0-"]')) if (g.textContent.includes(ip + '/')) found.push(g);
  }
  return found;
}

/**
 * The VXLAN tunnel a hop of a packet trace is in: its VXLAN port's name from the encap (or decap)
 * step, the two hosts from the LAN step between them; a LAN step carries a tunnel only when an encap
 * comes right before it.
 */
function tunnelOf(event) {
  const events = view.trace ? view.trace.events : [];
  const i = events.findIndex((e) => e.seq === event.seq);
  if (i < 0) return [];
  const same = (e) => e.parent === event.parent && String(e.subsystem).toLowerCase() === 'network';
  let name;
  let lan;
  if (event.action === 'VXLAN encap') {
    name = event.object;
    lan = events.slice(i + 1).find((e) => same(e) && e.action === 'LAN');
  } else if (event.action === 'VXLAN decap') {
    name = event.object;
    lan = events.slice(0, i).reverse().find((e) => same(e) && e.action === 'LAN');
  } else if (event.action === 'LAN') {
    const before = events.slice(0, i).reverse().find(same);
    if (!before || before.action !== 'VXLAN encap') return [];
    name = before.object;
    lan = event;
  } else {
    return [];
  }
  const pair = lan ? String(lan.object).split(' → ') : [event.host];
  return [...document.querySelectorAll('#diagram [data-testid="vxlan-link"]')]
    .filter((g) => g.dataset.name === name && pair.every((h) => g.dataset.hosts.split(' ').includes(h)))
    .map((g) => { g.classList.add('active'); return g; });
}

function draw(state, event) {
  const changes = event ? event.changes.map((c) => c.path) : [];
  const { svg } = render(state, view.catalog, event ? event.layer : null);
  const box = $('#diagram');
  box.innerHTML = svg;
  for (const g of box.querySelectorAll('[data-path]')) {
    const p = g.dataset.path;
    if (changes.some((c) => c === p || c.startsWith(p + '/') || p.startsWith(c + '/'))) g.classList.add('hl');
  }
  for (const g of hopTargets(box, event)) g.classList.add('hl', 'packet'); // the packet is here at this step
  const first = box.querySelector('.hl');
  if (first && box.scrollHeight > box.clientHeight) first.scrollIntoView({ block: 'nearest' });
  view.draws++;
  box.dataset.draws = view.draws;
  box.dataset.step = view.timeline.k;
}

function explain(k, e) {
  const ex = $('#explain');
  if (!e) { ex.innerHTML = '<span class="dim">Type a command: its steps appear here.</span>'; return; }
  const short = (s) => s.replace(/[0-9a-f]{64}/g, (h) => h.slice(0, 12) + '…');
  ex.innerHTML = '<div class="what"><span class="layer"></span> <b class="action"></b> <span class="obj"></span></div><div class="sentence"></div><div class="equiv"><span class="dim">real world:</span> <code></code></div><div class="changes dim"></div>';
  ex.querySelector('.layer').textContent = `[${e.host ? e.host + ' ' : ''}${e.layer}${e.subsystem ? '/' + e.subsystem : ''}]`;
  ex.querySelector('.layer').className = 'layer l-' + e.layer;
  ex.querySelector('.action').textContent = e.action;
  ex.querySelector('.obj').textContent = short(e.object);
  ex.querySelector('.sentence').textContent = short(e.sentence);
  ex.querySelector('code').textContent = short(e.equivalent || '—');
  const ch = e.changes.filter((c) => c.path !== '/time').map((c) => `${c.op} ${c.path.replace(/~1/g, '/').replace(/~0/g, '~')}`);
  ex.querySelector('.changes').textContent = ch.length ? 'changed: ' + short(ch.slice(0, 4).join(', ')) + (ch.length > 4 ? ` … +${ch.length - 4}` : '') : 'no change to the state';
}

async function refresh() {
  const s = await view.api.get('/state');
  view.catalog = s.catalog;
  try {
    showTrace(await view.api.get('/trace'));
  } catch (e) {
    view.trace = null;
    draw(s.state, null);
    explain(-1, null);
  }
}

/** The last command's steps as an indented tree, as the REPL's `trace` prints them (the page answers it; the timeline shows the same). */
function traceText() {
  if (!view.trace) return '';
  const depth = [];
  const short = (s) => s.replace(/[0-9a-f]{64}/g, (h) => h.slice(0, 12) + '…');
  return view.trace.events.map((e) => {
    depth[e.seq] = e.parent < 0 ? 0 : depth[e.parent] + 1;
    return '  '.repeat(depth[e.seq]) + `[${e.layer}${e.subsystem ? '/' + e.subsystem : ''}] ${e.action} ${short(e.object)} — ${short(e.sentence)}`
      + (e.equivalent ? '\n' + '  '.repeat(depth[e.seq] + 1) + (e.equivalent.startsWith('# ') ? '' : '$ ') + short(e.equivalent) : '');
  }).join('\n');
}

function showTrace(trace) {
  view.trace = trace;
  $('#command').textContent = trace.command;
  view.timeline.load(trace);
}

async function run(line) {
  const term = view.terminal;
  const t0 = performance.now();
  try {
    view.ownCommand = true;
    const r = await view.api.command(line);
    const t1 = performance.now();
    if (r.text) term.print(r.text.replace(/\n$/, ''), r.exitStatus ? 'err' : '');
    if (view.files) view.files.refresh(); // cp, mkdir and cd change what the files pane shows
    if (r.trace) showTrace(r.trace);
    else if (r.lab && r.lab.lesson) refresh(); // a lab word may have replaced the engine: draw the new state
    view.lab.update(r.lab);
    view.timings = { requestMs: t1 - t0, drawMs: performance.now() - t1, runMs: r.serverMs.run, serverMs: r.serverMs.total };
  } catch (e) {
    term.print(e.message, 'err');
    if (e.status === 404) { localStorage.removeItem(KEY); term.print('Reload the page for a new session.', 'dim'); }
  } finally {
    view.ownCommand = false;
  }
}

function download(name, type, content) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([content], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exports() {
  $('#exportJson').onclick = () => view.trace && download('trace.json', 'application/json', JSON.stringify(view.trace, null, 2));
  $('#exportSvg').onclick = () => download('diagram.svg', 'image/svg+xml', standalone($('#diagram svg').outerHTML));
  $('#exportMermaid').onclick = async () => view.trace && download('trace.mmd', 'text/plain', await view.api.get('/trace/mermaid'));
}

function keys() {
  document.addEventListener('keydown', (e) => {
    const inInput = document.activeElement === view.terminal.input;
    const typing = inInput && (view.terminal.input.value !== '' || !document.body.classList.contains('presentation'));
    if (typing) return;
    if (e.key === 'ArrowRight') { e.preventDefault(); view.timeline.forward(); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); view.timeline.back(); }
    else if (e.key === ' ') { e.preventDefault(); view.timeline.toggle(); }
    else if (e.key === 'Home') { e.preventDefault(); view.timeline.go(0); }
    else if (e.key === 'End') { e.preventDefault(); view.timeline.go(view.timeline.stepper?.last ?? 0); }
    else if (e.key === 'p' || (e.key === 'Escape' && document.body.classList.contains('presentation'))) presentation();
  });
}

function presentation(on) {
  const b = document.body.classList.toggle('presentation', on);
  $('#present').setAttribute('aria-pressed', String(b));
  if (b) view.terminal.input.blur();
}

async function session() {
  if (watchId) {
    view.api = new Api('/api/watch/' + watchId);
    const info = await view.api.get();
    view.daemon = !!info.daemon;
    if (info.daemon) {
      view.terminal.print('Watching a glassbox daemon: each request its clients send (the docker CLI, an SDK) appears here; lines typed here run in the same engine.', 'dim');
      $('#who').textContent = 'glassbox daemon';
      return;
    }
    view.terminal.readOnly('classroom view: watching the teacher\'s session');
    $('#who').textContent = 'classroom view (read-only)';
    return;
  }
  let id = localStorage.getItem(KEY);
  if (id) {
    try {
      const info = await new Api('/api/sessions/' + id).get();
      view.terminal.setHistory(info.history);
      if (info.history.length) view.terminal.print(`(session restored: ${info.history.length} commands; ↑ shows them)`, 'dim');
      if (info.watchId) showClassroom(info.watchId);
    } catch (e) {
      id = null;
    }
  }
  if (!id) {
    id = (await Api.session()).id;
    localStorage.setItem(KEY, id);
    view.terminal.print('Type help for a start, or try:  docker run -d -p 8080:80 nginx', 'dim');
  }
  view.api = new Api('/api/sessions/' + id);
  view.files = new FilesPane(document, view.api);
  view.files.refresh();
  if (!$('#who').textContent) $('#who').textContent = 'your own engine (sim kernel)';
}

function showClassroom(watch) {
  const url = location.origin + '/?watch=' + watch;
  $('#who').textContent = 'classroom — students open ' + url;
}

async function main() {
  view.terminal = new Terminal(document, { run, complete: (line) => view.api.complete(line), trace: traceText });
  view.timeline = new Timeline(document, (k, e, state) => { draw(state, e); explain(k, e); });
  $('#present').onclick = () => presentation();
  $('#reset').onclick = async () => {
    if (watchId) return;
    await view.api.reset();
    localStorage.removeItem(KEY);
    location.reload();
  };
  $('#classroom').onclick = async () => {
    const s = await Api.session(true);
    localStorage.setItem(KEY, s.id);
    location.reload();
  };
  view.lab = new LabPane(document, {
    send: (line) => view.terminal.typed(line),
    fill: (line) => { view.terminal.input.value = line; view.terminal.input.focus(); },
    name: (n) => view.api.name(n),
  });
  $('#labs').onclick = () => $('#labs').setAttribute('aria-pressed', String(!document.body.classList.toggle('no-lab')));
  exports();
  keys();
  await session();
  await refresh();
  view.lab.update(await view.api.lab());
  view.api.events((m) => {
    if (m.type === 'done' && !view.ownCommand) {
      if (watchId) view.terminal.print((m.line.startsWith('GET ') || m.line.startsWith('HEAD ') || m.line.startsWith('POST ') || m.line.startsWith('PUT ') || m.line.startsWith('DELETE ') ? '→ ' : '$ ') + m.line + (m.text ? '\n' + m.text.replace(/\n$/, '') : ''), m.exitStatus ? 'err' : 'dim');
      view.lab.update(m.lab);
      refresh();
    } else if (m.type === 'expired') {
      view.terminal.print('This session expired; reload the page for a new one.', 'err');
    }
  });
  document.body.dataset.ready = 'true';
  if (!watchId || view.daemon) view.terminal.input.focus();
}

main();

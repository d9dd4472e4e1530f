// Draws the model as SVG: client, daemon and registry on top, a box per container with its
// namespaces, cgroup, layer stack and processes, and the host's network underneath.
// Every drawn object carries data-path, the JSON pointer of the state it shows, so a step's
// changes can be highlighted by path.
import { esc, model } from './model.js';
import { drawNetwork, networkWidth } from './network.js';
import { drawWorld, isWorld, WORLD_STYLE } from './world.js';

const MAX_W = 960;
let W = MAX_W;
const PAD = 14;
const LINE = 17;

export const SVG_STYLE = `
  .box { fill: #f7f9fc; stroke: #8a99ad; stroke-width: 1.2; }
  .box.client { fill: #eef6ff; } .box.daemon { fill: #f2f0ff; } .box.registry { fill: #f0fbf4; }
  .box.container { fill: #ffffff; stroke: #3b6ea5; stroke-width: 1.6; }
  .box.container.exited, .box.container.created { stroke-dasharray: 6 4; stroke: #8a99ad; }
  .box.part { fill: #f4f6f9; stroke: #c5ced9; }
  .box.absent { fill: none; stroke: #c5ced9; stroke-dasharray: 3 3; }
  text { font-family: 'DejaVu Sans Mono', 'Menlo', monospace; font-size: 13px; fill: #1d2733; }
  text.title { font-weight: bold; font-size: 14px; }
  text.head { font-weight: bold; fill: #3b4a5c; font-size: 12px; }
  text.dim { fill: #6b7a8c; }
  text.status-running { fill: #1c7c3a; font-weight: bold; }
  text.status-exited, text.status-created { fill: #a35d00; font-weight: bold; }
  .chip { fill: #e6eefb; stroke: #9db4d8; }
  .chip.net { fill: #e6f6ec; stroke: #93c9a5; }
  .wire { stroke: #3b6ea5; stroke-width: 2; fill: none; }
  .bridge { fill: #dbe7f6; stroke: #3b6ea5; stroke-width: 1.6; }
  .nat { fill: #fff6e6; stroke: #d19a3a; }
  .arrow { stroke: #8a99ad; stroke-width: 1.5; marker-end: url(#arrowhead); }
  .hl > .box, .hl > .chip, .hl > .bridge, .hl > .nat, .hl.wire, rect.hl { stroke: #e0a000 !important; stroke-width: 3.5 !important; }
  .hl > .box, .hl > .chip, .hl > .bridge, .hl > .nat { fill: #fff3c4 !important; }
  .active > .box { stroke: #e0a000 !important; stroke-width: 3.5 !important; }
`;

/** The diagram's style: adopted by the page (its CSP allows no inline <style>), written into an exported SVG. */
const DIAGRAM_CSS = SVG_STYLE + WORLD_STYLE;
if (typeof document !== 'undefined' && typeof CSSStyleSheet !== 'undefined' && 'adoptedStyleSheets' in document) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(DIAGRAM_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** A drawn diagram as a file of its own, its style inside. */
export function standalone(svg) {
  return svg.replace(/^<svg[^>]*>/, (open) => `${open}<style>${DIAGRAM_CSS}</style>`);
}

const x = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cut = (s, n) => (String(s).length > n ? String(s).slice(0, Math.max(1, n - 1)) + '…' : String(s));
const short = (id) => String(id || '').replace(/^sha256:/, '').slice(0, 12);
const dirId = (p) => short((String(p).match(/overlay2\/([0-9a-f]{12})/) || [])[1] || p);
const bytes = (n) => (n >= 1 << 30 ? (n / (1 << 30)).toFixed(1) + ' GiB' : n >= 1 << 20 ? Math.round(n / (1 << 20)) + ' MiB' : n >= 1024 ? Math.round(n / 1024) + ' KiB' : n + ' B');

function text(tx, ty, s, cls = '', extra = '') {
  return `<text x="${tx}" y="${ty}" class="${cls}" ${extra}>${x(s)}</text>`;
}

function group(path, inner, attrs = '') {
  return `<g data-path="${x(path)}" ${attrs}>${inner}</g>`;
}

/** The SVG markup for a state; `active` names the layer the current event belongs to. */
export function render(state, catalog, active) {
  if (isWorld(state)) return renderWorld(state, catalog, active);
  const m = model(state, catalog);
  const n0 = Math.max(1, Math.min(3, m.containers.length));
  W = Math.max(760, Math.min(MAX_W, n0 * 430 + PAD * (n0 + 1)), networkWidth(m));
  const parts = [];
  let y = PAD;
  parts.push(topRow(m, y, active));
  y += 78;
  const n = Math.max(1, m.containers.length);
  const perRow = Math.min(3, n);
  const cw = Math.min(420, Math.floor((W - PAD * (perRow + 1)) / perRow));
  const rows = [];
  for (let i = 0; i < m.containers.length; i += perRow) rows.push(m.containers.slice(i, i + perRow));
  const positions = [];
  if (m.containers.length === 0) {
    parts.push(text(W / 2, y + 40, 'no containers yet: type  docker run -d -p 8080:80 nginx', 'dim', 'text-anchor="middle"'));
    y += 70;
  }
  const x0 = (W - (perRow * cw + (perRow - 1) * PAD)) / 2; // a short last row under the first columns, so the veth lines of the rows above pass between its boxes
  rows.forEach((row, r) => {
    let h = 0;
    row.forEach((c, i) => {
      const cx = x0 + i * (cw + PAD);
      const drawn = containerBox(c, cx, y, cw, active);
      parts.push(drawn.svg);
      positions.push({ c, x: cx + cw / 2, left: cx, w: cw, bottom: y + drawn.h, row: r, col: i });
      h = Math.max(h, drawn.h);
    });
    y += h + 36;
  });
  const net = drawNetwork(m, positions, y, W);
  parts.splice(1, 0, net.svg); // painted first: the veth wires of a lower row pass behind the boxes above them
  y += net.h + PAD;
  const paths = hostPaths(positions, y);
  parts.splice(1, 0, paths.wires); // wires behind the boxes, like the veth wires
  parts.push(paths.svg);
  y += paths.h;
  const defs = `<defs><marker id="arrowhead" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#8a99ad"/></marker></defs>`;
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${y}" width="${W}" height="${y}" class="${rows.length > 1 ? 'tall' : ''}" data-testid="diagram">${defs}${parts.join('')}</svg>`, model: m };
}

/** Several hosts: the client, the first host's daemon and the registry on top, then the hosts side by side on their LAN. */
function renderWorld(state, catalog, active) {
  const m = model(state, catalog);
  const world = drawWorld(state, PAD + 78, MAX_W);
  W = world.width;
  const y = PAD + 78 + world.h;
  const defs = `<defs><marker id="arrowhead" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#8a99ad"/></marker></defs>`;
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${y}" width="${W}" height="${y}" class="tall world" data-testid="diagram">${defs}${topRow(m, PAD, active)}${world.svg}</svg>`, model: m };
}

/**
 * Where the containers' mounted paths come from on the host: one box per volume, bind source or
 * tmpfs, linked by a dashed wire to each container that mounts it.
 */
function hostPaths(positions, y0) {
  const sources = new Map();
  for (const p of positions) {
    for (const mt of p.c.mounts || []) {
      const type = mt.split(' ')[0];
      const arrow = mt.indexOf(' → ');
      const raw = type === 'tmpfs' ? 'tmpfs (memory)' : mt.slice(type.length + 1, arrow > 0 ? arrow : undefined);
      const key = type + ' ' + raw;
      const name = type === 'volume' ? raw.replace(/\S*\/volumes\/([^/\s]+)\/_data/, 'volume $1') : type === 'bind' ? 'host ' + raw : raw;
      if (!sources.has(key)) sources.set(key, { name, full: raw, users: [] });
      sources.get(key).users.push(p);
    }
  }
  if (sources.size === 0) return { svg: '', wires: '', h: 0 };
  const list = [...sources.values()];
  const bw = Math.min(300, Math.floor((W - PAD * (list.length + 1)) / list.length));
  const x0 = (W - (list.length * bw + (list.length - 1) * PAD)) / 2;
  const by = y0 + 6;
  let svg = '', wires = '';
  list.forEach((src, i) => {
    const bx = x0 + i * (bw + PAD);
    svg += group('/daemon/volumes', `<rect class="box part" x="${bx}" y="${by}" width="${bw}" height="42" rx="4"/>`
      + text(bx + 10, by + 17, cut(src.name, Math.floor((bw - 20) / 7.9)), 'head')
      + text(bx + 10, by + 33, cut(src.full, Math.floor((bw - 20) / 7.9)), 'dim'), `data-testid="hostpath-${x(src.name)}"`);
    for (const u of src.users) {
      wires += `<path class="wire mount" d="M${u.left + 14},${u.bottom} L${u.left + 14},${by - 8} L${bx + bw / 2},${by - 8} L${bx + bw / 2},${by}" fill="none" stroke-dasharray="5 4" data-testid="mountwire-${x(u.c.name)}"/>`;
    }
  });
  return { svg, wires, h: 42 + PAD + 6 };
}

function topRow(m, y, active) {
  const h = 64;
  const out = [];
  const cx = PAD, cwid = 150;
  out.push(`<g class="${active === 'client' ? 'active' : ''}" data-testid="client"><rect class="box client" x="${cx}" y="${y}" width="${cwid}" height="${h}" rx="6"/>`
    + text(cx + 10, y + 20, 'docker client', 'title') + text(cx + 10, y + 40, 'parses the line,', 'dim') + text(cx + 10, y + 56, 'calls the API', 'dim') + '</g>');
  const rw = 200;
  const dx = cx + cwid + 50, dw = W - PAD - rw - 50 - dx;
  const imgs = m.images.map((i) => `${(i.tags || ['<none>'])[0]} · ${(i.layers || []).length} layers`);
  const room = Math.floor((dw - 20) / 7.9);
  let inner = `<rect class="box daemon" x="${dx}" y="${y}" width="${dw}" height="${h}" rx="6"/>`
    + text(dx + 10, y + 20, 'dockerd + containerd', 'title') + text(dx + dw - 10, y + 20, `${m.containers.length} ctr`, 'dim', 'text-anchor="end"');
  const shown = imgs.slice(0, 2);
  shown.forEach((s, i) => { inner += group('/daemon/images/' + esc(m.images[i].key), text(dx + 10, y + 40 + i * LINE, cut((i === 0 ? 'images: ' : '        ') + s + (i === 1 && imgs.length > 2 ? ` +${imgs.length - 2}` : ''), room)), `data-testid="image-${x((m.images[i].tags || [''])[0])}"`); });
  if (imgs.length === 0) inner += text(dx + 10, y + 40, 'images: none yet', 'dim');
  out.push(`<g class="${active === 'daemon' || active === 'api' || active === 'runtime' ? 'active' : ''}" data-path="/daemon/images" data-testid="daemon">${inner}</g>`);
  out.push(`<line class="arrow" x1="${cx + cwid + 4}" y1="${y + h / 2}" x2="${dx - 6}" y2="${y + h / 2}"/>` + text(cx + cwid + 8, y + h / 2 - 6, 'HTTP', 'dim'));
  const rx = dx + dw + 50;
  let reg = `<rect class="box registry" x="${rx}" y="${y}" width="${rw}" height="${h}" rx="6"/>` + text(rx + 10, y + 20, 'registry (Docker Hub)', 'title');
  const lines = [];
  let line = '';
  for (const r of m.catalog.map((s) => s.replace(/:latest$/, ''))) {
    if ((line + ' ' + r).length > rw / 8 - 2) { lines.push(line); line = r; } else line = line ? line + ' ' + r : r;
  }
  if (line) lines.push(line);
  lines.slice(0, 2).forEach((l, i) => { reg += text(rx + 10, y + 40 + i * LINE, l, 'dim'); });
  out.push(`<g class="${active === 'registry' ? 'active' : ''}" data-testid="registry">${reg}</g>`);
  out.push(`<line class="arrow" x1="${dx + dw + 4}" y1="${y + h / 2}" x2="${rx - 6}" y2="${y + h / 2}"/>` + text(dx + dw + 8, y + h / 2 - 6, 'pull', 'dim'));
  return out.join('');
}

function containerBox(c, bx, by, bw, active) {
  const chars = Math.floor((bw - 20) / 7.9);
  const p = '/daemon/containers/' + esc(c.name);
  const out = [];
  let y = by + 22;
  out.push(text(bx + 10, y, cut(c.name, chars - 12), 'title') + text(bx + bw - 10, y, c.status, 'status-' + c.status, 'text-anchor="end"'));
  y += LINE;
  out.push(text(bx + 10, y, cut(`${short(c.id)} · ${c.image} · ${c.hostname || ''}`, chars), 'dim'));
  y += LINE + 6;
  // namespaces
  out.push(text(bx + 10, y, 'namespaces', 'head'));
  y += 6;
  if (c.namespaces.length === 0) {
    out.push(text(bx + 100, y - 6, 'none yet', 'dim'));
    y += 6;
  } else {
    const cw = (bw - 20 - 5 * 4) / 6;
    c.namespaces.forEach((n, i) => {
      const nx = bx + 10 + i * (cw + 4);
      out.push(group('/host/namespaces/' + esc(n.key), `<rect class="chip ${n.type === 'net' ? 'net' : ''}" x="${nx}" y="${y}" width="${cw}" height="32" rx="4"/>`
        + text(nx + cw / 2, y + 13, n.type, 'head', 'text-anchor="middle"') + text(nx + cw / 2, y + 27, String(n.inode).slice(-4), 'dim', 'text-anchor="middle"'),
        `data-testid="ns-${x(c.name)}-${n.type}"`));
    });
    y += 38;
  }
  y += LINE;
  // cgroup
  const cgPath = '/host/cgroups/' + esc(c.cgroupKey);
  if (c.cgroup) {
    const l = c.cgroup.limits || {}, s = c.cgroup.stats || {};
    const lim = [l.memoryBytes ? 'mem ≤ ' + bytes(l.memoryBytes) : 'mem: no limit', l.pidsMax ? 'pids ≤ ' + l.pidsMax : '', l.cpuQuotaMicros ? 'cpu ' + (l.cpuQuotaMicros / l.cpuPeriodMicros).toFixed(2) : ''].filter(Boolean).join(' · ');
    out.push(group(cgPath, `<rect class="box part" x="${bx + 6}" y="${y - 14}" width="${bw - 12}" height="${2 * LINE + 6}" rx="3"/>`
      + text(bx + 10, y, 'cgroup', 'head') + text(bx + 70, y, cut(c.cgroupKey.replace(/[0-9a-f]{64}/, (h) => h.slice(0, 12) + '…'), chars - 8))
      + text(bx + 10, y + LINE, cut(`${lim} · uses ${bytes(s.memoryBytes || 0)}, ${s.pids || 0} pids`, chars), 'dim'), `data-testid="cgroup-${x(c.name)}"`));
  } else {
    out.push(group(cgPath, `<rect class="box absent" x="${bx + 6}" y="${y - 14}" width="${bw - 12}" height="${2 * LINE + 6}" rx="3"/>`
      + text(bx + 10, y, 'cgroup', 'head') + text(bx + 70, y, 'not created yet', 'dim')));
  }
  y += 2 * LINE + 12;
  // layers
  const lowers = c.lowerdirs || [];
  const mPath = '/host/mounts/' + esc(c.merged);
  out.push(group(mPath, `<rect class="box ${c.overlay ? 'part' : 'absent'}" x="${bx + 6}" y="${y - 14}" width="${bw - 12}" height="${LINE + 4}" rx="3"/>`
    + text(bx + 10, y, 'merged', 'head') + text(bx + 80, y, c.overlay ? cut('overlay on ' + dirId(c.merged) + '/merged = the container\'s /', chars - 9) : 'not mounted', c.overlay ? '' : 'dim'),
    `data-testid="overlay-${x(c.name)}"`));
  y += LINE + 4;
  out.push(text(bx + 10, y, 'upper', 'head') + text(bx + 80, y, c.upperdir ? cut(dirId(c.upperdir) + '/diff (writable)', chars - 9) : '—'));
  y += LINE;
  out.push(text(bx + 10, y, 'lower', 'head') + text(bx + 80, y, cut(lowers.map((l) => dirId(l) + (l.includes('-init') ? '-init' : '')).slice(0, 3).join(' ') + (lowers.length > 3 ? ` +${lowers.length - 3}` : ''), chars - 9), 'dim'));
  y += LINE;
  // volumes, bind mounts and tmpfs: where the container's paths come from on the host
  const mounts = (c.mounts || []).map((mt) => mt.replace(/\S*\/volumes\/([^/\s]+)\/_data/, '$1')); // a volume by its name
  out.push(group(p + '/mounts', text(bx + 10, y, 'mounts', 'head') + text(bx + 80, y, mounts.length ? cut(mounts[0], chars - 9) : 'none', mounts.length ? '' : 'dim'),
    `data-testid="mounts-${x(c.name)}"`));
  for (const mt of mounts.slice(1, 3)) {
    y += LINE;
    out.push(group(p + '/mounts', text(bx + 80, y, cut(mt, chars - 9))));
  }
  if (mounts.length > 3) { y += LINE; out.push(text(bx + 80, y, `… ${mounts.length - 3} more`, 'dim')); }
  y += LINE + 8;
  // processes
  out.push(text(bx + 10, y, 'processes', 'head') + text(bx + 100, y, 'host pid → pid inside', 'dim'));
  y += LINE;
  const procs = c.procs.slice(0, 4);
  if (procs.length === 0) { out.push(text(bx + 10, y, 'none', 'dim')); y += LINE; }
  for (const pr of procs) {
    const ns = pr.nsPids || [];
    out.push(group('/host/processes/' + esc(pr.key), text(bx + 10, y, cut(`${String(pr.pid).padStart(5)} → ${String(ns[ns.length - 1] ?? pr.pid).padEnd(3)} ${pr.command}`, chars)), `data-testid="proc-${pr.pid}"`));
    y += LINE;
  }
  if (c.procs.length > 4) { out.push(text(bx + 10, y, `… ${c.procs.length - 4} more`, 'dim')); y += LINE; }
  // interfaces
  y += 4;
  const eth = c.ifaces.filter((l) => l.name !== 'lo');
  const ifLine = eth.length ? eth.map((l) => `${l.name} ${(l.addresses || []).join(' ') || '(no address)'}${l.up ? '' : ' down'}`).join(', ') : (c.ip ? `eth0 not wired yet (IPAM reserved ${c.ip})` : 'no network interface');
  const ethKey = eth.length ? '/host/links/' + esc(eth[0].key) : p + '/ip';
  out.push(group(ethKey, text(bx + 10, y, 'net', 'head') + text(bx + 50, y, cut(ifLine, chars - 5)), `data-testid="eth0-${x(c.name)}"`));
  y += 10;
  const h = y - by;
  const cls = `box container ${x(c.status)}`;
  return { svg: group(p, `<rect class="${cls}" x="${bx}" y="${by}" width="${bw}" height="${h}" rx="8"/>` + out.join(''), `data-testid="container-${x(c.name)}" data-status="${x(c.status)}" class="${active === 'runtime' ? '' : ''}"`), h };
}

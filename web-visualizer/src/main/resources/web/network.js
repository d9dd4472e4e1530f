// The network of a lone host under its containers: a box per bridge (docker0 and each user
// network's) and per dummy parent of a macvlan or ipvlan network, the host's eth0 beside them, each
// container's veth pairs wired to the bridge each one is a port of (its macvlan and ipvlan children to
// their parent link), and the NAT table with its published ports. Every veth's line ends inside the
// box of its own bridge; a veth not yet a port of a bridge is drawn as a stub that ends on none.
import { esc } from './model.js';

const PAD = 14;
const LINE = 17;
const GAP = 12;
const MIN_BRIDGE = 180; // narrower and a bridge's name and network no longer fit
const ETH_W = 220;
const CHAR = 7.9; // a character of the 13 px monospace type, with a little to spare
const TITLE_CHAR = 8.6; // of the 14 px bold type
const LANE = 7;
const x = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cut = (s, n) => (String(s).length > n ? String(s).slice(0, Math.max(1, n - 1)) + '…' : String(s));
const text = (tx, ty, s, cls = '', extra = '') => `<text x="${tx}" y="${ty}" class="${cls}" ${extra}>${x(s)}</text>`;
const group = (path, inner, attrs = '') => `<g data-path="${x(path)}" ${attrs}>${inner}</g>`;

/** The width the bridges (and the dummy parents of macvlan and ipvlan networks) of m need side by side with the host's eth0. */
export function networkWidth(m) {
  const n = Math.max(1, m.bridges.length + m.dummies.length);
  return 2 * PAD + n * MIN_BRIDGE + (n - 1) * GAP + GAP + ETH_W;
}

/**
 * The host's network from y0 down, W wide, under the containers drawn at `positions`
 * ({c, x, left, w, bottom, row, col}). Returns the markup (wires first, so the boxes lie over their ends) and its height.
 */
export function drawNetwork(m, positions, y0, W) {
  const wires = positions.flatMap((pos) => pos.c.ends.map((v, i) => ({ v, pos, i, k: pos.c.ends.length })));
  const by = y0 + 8 + wires.length * LANE + 10;
  const bh = 3 * LINE + 10;
  const row = m.bridges.map((b) => ({ link: b, box: bridgeBox })).concat(m.dummies.map((d) => ({ link: d, box: dummyBox })));
  const n = row.length;
  const bw = n ? Math.floor((W - 2 * PAD - ETH_W - GAP - (n - 1) * GAP) / n) : 0;
  const eth = m.hostIfs[0];
  const boxes = new Map(row.map((r, i) => [r.link.name, { bx: PAD + i * (bw + GAP), bw }]));
  if (eth) boxes.set(eth.name, { bx: W - PAD - ETH_W, bw: ETH_W });
  const out = [];
  wires.forEach((w, lane) => { w.sx = source(w); w.lane = y0 + 8 + lane * LANE; });
  gutters(wires, positions);
  for (const [name, box] of boxes) {
    const ports = wires.filter((w) => w.v.to === name).sort((a, b) => a.sx - b.sx);
    ports.forEach((w, j) => { w.tx = box.bx + Math.round(((j + 1) * box.bw) / (ports.length + 1)); });
  }
  for (const w of wires) out.push(wire(w, by));
  row.forEach((r, i) => out.push(r.box(r.link, PAD + i * (bw + GAP), by, bw, bh)));
  if (eth) {
    const ex = W - PAD - ETH_W;
    out.push(group('/host/links/' + esc(eth.key), `<rect class="box" x="${ex}" y="${by}" width="${ETH_W}" height="${bh}" rx="4"/>`
      + text(ex + 10, by + 18, cut(`host ${eth.name}`, Math.floor((ETH_W - 20) / TITLE_CHAR)), 'title')
      + text(ex + 10, by + 18 + LINE, cut((eth.addresses || []).join(' '), Math.floor((ETH_W - 20) / CHAR)))
      + text(ex + 10, by + 18 + 2 * LINE, cut(eth.nets.length ? parentOf(eth.nets) : eth.mac || '', Math.floor((ETH_W - 20) / CHAR)), 'dim'),
      `data-testid="eth0-host"`));
  }
  const nat = natTable(m, PAD, by + bh + 14, W - 2 * PAD);
  out.push(nat.svg);
  return { svg: out.join(''), h: by + bh + 14 + nat.h - y0 };
}

/** "parent of mv (macvlan), iv (ipvlan)": the networks whose children hang off a link. */
export const parentOf = (nets) => 'parent of ' + nets.map((n) => `${n.name} (${n.driver})`).join(', ');

/** Where a container's i-th of k veth lines leaves its box: spread over the middle of its lower edge. */
function source({ pos, i, k }) {
  const step = Math.min(130, (pos.w - 20) / k);
  return Math.round(pos.x + (i - (k - 1) / 2) * step);
}

/**
 * A container with another below it in its column sends its veth lines down the gutter beside
 * its column (its left one, or its right one for a line right of its middle), spread a little
 * apart, rather than behind the box below.
 */
function gutters(wires, positions) {
  const byGutter = new Map();
  for (const w of wires) {
    if (!positions.some((p) => p.col === w.pos.col && p.row > w.pos.row)) continue;
    const right = w.sx > w.pos.x;
    const g = right ? w.pos.col + 1 : w.pos.col;
    w.gx = right ? w.pos.left + w.pos.w + PAD / 2 : w.pos.left - PAD / 2;
    byGutter.set(g, [...(byGutter.get(g) || []), w]);
  }
  for (const ws of byGutter.values()) {
    const step = Math.min(3, 10 / ws.length);
    ws.forEach((w, i) => { w.gx += (i - (ws.length - 1) / 2) * step; });
  }
}

/**
 * A veth's line: down from its container (by the gutter beside its column when a box is below it),
 * along its own lane, down into its bridge's box; a stub on the lane when it is a port of no drawn bridge.
 */
function wire(w, by) {
  const { v, pos, sx, lane, k } = w;
  const down = w.gx === undefined ? `M${sx},${pos.bottom} L${sx},${lane}`
    : `M${sx},${pos.bottom} L${sx},${pos.bottom + 30} L${w.gx},${pos.bottom + 30} L${w.gx},${lane}`;
  const d = w.tx === undefined ? down : `${down} L${w.tx},${lane} L${w.tx},${by + 10}`;
  const cw = Math.min(104, (pos.w - 20) / k - 4);
  return group('/host/links/' + esc(v.key),
    `<path class="wire" d="${d}"/>`
    + `<rect class="chip net" x="${sx - cw / 2}" y="${pos.bottom + 6}" width="${cw}" height="20" rx="4"/>`
    + text(sx, pos.bottom + 20, cut(v.name, Math.floor((cw - 6) / CHAR)), '', 'text-anchor="middle"'),
    `data-testid="${x(v.testid)}" data-container="${x(pos.c.name)}" data-to="${x(v.to || '')}"`);
}

/** A dummy link Docker made the parent of a macvlan or ipvlan network created without one. */
function dummyBox(d, bx, by, bw, bh) {
  return group('/host/links/' + esc(d.key), `<rect class="box" x="${bx}" y="${by}" width="${bw}" height="${bh}" rx="4"/>`
    + text(bx + 10, by + 18, cut(d.name, Math.floor((bw - 20) / TITLE_CHAR)), 'title')
    + text(bx + 10, by + 18 + LINE, cut(d.nets.length ? parentOf(d.nets) : 'parent of no network', Math.floor((bw - 20) / CHAR)))
    + text(bx + 10, by + 18 + 2 * LINE, cut(`dummy · ${(d.addresses || []).join(' ') || 'no address'}`, Math.floor((bw - 20) / CHAR)), 'dim'),
    `data-testid="parent-${x(d.name)}"`);
}

/** A bridge: its name, the network it is the bridge of, its address. */
function bridgeBox(b, bx, by, bw, bh) {
  return group('/host/links/' + esc(b.key), `<rect class="bridge" x="${bx}" y="${by}" width="${bw}" height="${bh}" rx="4"/>`
    + text(bx + 10, by + 18, cut(b.name, Math.floor((bw - 20) / TITLE_CHAR)), 'title')
    + text(bx + 10, by + 18 + LINE, cut(b.net ? `network ${b.net.name}` : 'no network', Math.floor((bw - 20) / CHAR)))
    + text(bx + 10, by + 18 + 2 * LINE, cut((b.addresses || []).join(' ') || 'no address', Math.floor((bw - 20) / CHAR)), 'dim'),
    `data-testid="bridge-${x(b.name)}"`);
}

/** iptables' DOCKER chain: a heading, then a line per published port and per docker-proxy, each cut to the box. */
function natTable(m, bx, y, w) {
  const rows = m.nat.map((r) => ({ path: '/host/nat', id: `nat-${r.hostPort}`, s: `DNAT ${r.proto} ${r.hostIp}:${r.hostPort} → ${r.destIp}:${r.destPort}` }))
    .concat((m.proxies || []).map((r) => ({ path: '/host/proxies', id: `proxy-${r.hostPort}`,
      s: `docker-proxy ${r.proto} ${r.hostIp}:${r.hostPort} → ${r.destIp}:${r.destPort}  (for 127.0.0.1)` })));
  const room = Math.floor((w - 20) / CHAR);
  const head = 'iptables -t nat  (DOCKER chain: published ports)';
  let svg = text(bx + 10, y + 18, cut(head, room), 'head');
  if (rows.length === 0) svg += text(bx + 10, y + 18 + LINE, cut('no rule: no published port', room), 'dim');
  rows.forEach((r, i) => { svg += group(r.path, text(bx + 10, y + 18 + (i + 1) * LINE, cut(r.s, room)), `data-testid="${x(r.id)}"`); });
  const h = 18 + Math.max(1, rows.length) * LINE + 10;
  return { svg: group('/host/nat', `<rect class="nat" x="${bx}" y="${y}" width="${w}" height="${h}" rx="4"/>` + svg), h };
}

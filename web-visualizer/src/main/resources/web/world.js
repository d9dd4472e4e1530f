// Draws a world of several sim hosts side by side: each host with its daemon, containers, bridges,
// published ports and eth0, and the LAN that joins the eth0s underneath. Drawn objects carry
// data-path (the JSON pointer of the state they show: the first host's at the top level, the
// others' under /world/nodes/N) and each host's group data-host, so a hop of a packet trace is
// found on the host it happened on. Each host's overlay bridges are drawn under its eth0, and the
// VXLAN tunnels between hosts (overlay.js) under the hosts, above the LAN that carries them.
import { esc, model } from './model.js';
import { parentOf } from './network.js';
import { drawOverlayBridges, drawTunnels, overlaysOf, OVERLAY_STYLE, stubsTo } from './overlay.js';

const PAD = 14;
const LINE = 17;
const LANE = 7;
const x = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cut = (s, n) => (String(s).length > n ? String(s).slice(0, Math.max(1, n - 1)) + '…' : String(s));
const text = (tx, ty, s, cls = '', extra = '') => `<text x="${tx}" y="${ty}" class="${cls}" ${extra}>${x(s)}</text>`;
const group = (path, inner, attrs = '') => `<g data-path="${x(path)}" ${attrs}>${inner}</g>`;

export const WORLD_STYLE = `
  .box.host { fill: #fbfcfe; stroke: #3b4a5c; stroke-width: 1.6; }
  .box.host.current { stroke: #1c7c3a; stroke-width: 2.4; }
  .lan { fill: #efe6fb; stroke: #7a4fb5; stroke-width: 1.6; }
  .wire.lan-wire { stroke: #7a4fb5; }
  g.at > rect.box.host { stroke: #e0a000; stroke-width: 3; }
` + OVERLAY_STYLE;

/** True when the state is a world of more than one host. */
export function isWorld(state) {
  return !!(state && state.world && Array.isArray(state.world.nodes) && state.world.nodes.length > 1);
}

/** The hosts of a world side by side and their LAN; returns the parts and the height they take, from y0. */
export function drawWorld(state, y0, maxWidth) {
  const nodes = state.world.nodes;
  const n = nodes.length;
  const W = Math.max(760, Math.min(maxWidth * 2, n * 400 + PAD * (n + 1)));
  const hw = Math.floor((W - PAD * (n + 1)) / n);
  const hosts = nodes.map((node, i) => {
    const st = i === 0 ? state : node;
    const m = model({ daemon: st.daemon, host: st.host }, []);
    const links = Object.entries((st.host || {}).links || {}).map(([key, l]) => ({ key, ...l }));
    return { node, m, overlays: overlaysOf(m, links), prefix: i === 0 ? '' : `/world/nodes/${i}`, bx: PAD + i * (hw + PAD) };
  });
  const names = [...new Map(hosts.flatMap((h) => h.overlays).map((o) => [o.vxlan.name, o])).values()]
    .sort((a, b) => (a.vni ?? 0) - (b.vni ?? 0) || a.vxlan.name.localeCompare(b.vxlan.name)).map((o) => o.vxlan.name);
  for (const h of hosts) h.anchorX = (name) => h.bx + 44 + names.indexOf(name) * 26;
  const drawn = hosts.map((h) => hostColumn(h, y0, hw, h.node.name === state.world.current));
  const bottom = Math.max(...drawn.map((d) => d.bottom));
  const tunnels = drawTunnels(hosts.map((h, i) => ({ name: h.node.name, overlays: h.overlays, anchorX: h.anchorX, bottom: drawn[i].bottom })), names, bottom);
  const ly = bottom + Math.max(40, tunnels.h + 14);
  const parts = [];
  for (const d of drawn) {
    parts.push(`<path class="wire lan-wire" d="M${d.ethX},${d.ethY} L${d.ethX},${ly}" data-testid="lanwire-${x(d.name)}"/>`);
    parts.push(d.svg);
  }
  parts.push(tunnels.svg);
  parts.push(group('/world', `<rect class="lan" x="${PAD}" y="${ly}" width="${W - 2 * PAD}" height="30" rx="4"/>`
    + text(PAD + 10, ly + 20, cut(`LAN ${state.world.lan} · ${n} hosts · gateway ${state.world.gateway} stands for the outside (nothing answers there)`,
      Math.floor((W - 2 * PAD - 20) / 8.4)), 'title'),
    'data-testid="lan"'));
  return { svg: parts.join(''), h: ly + 30 + PAD - y0, width: W };
}

function hostColumn({ node, m, overlays, prefix, bx, anchorX }, by, bw, current) {
  const veths = m.containers.flatMap((c) => c.ends.map((v, i) => ({ v, c, i, k: c.ends.length })));
  const step = veths.length ? Math.min(LANE, 84 / veths.length) : 0;
  const iw = bw - (veths.length ? 10 + step * veths.length : 0); // the lanes of the veth lines run right of the boxes
  const chars = Math.floor((iw - 20) / 7.9);
  const out = [];
  const boxes = new Map(); // a container's or a bridge's box: {y, h}, right edge at bx + iw - 8
  let y = by + 22;
  out.push(text(bx + 10, y, cut(node.name + (current ? '  *' : ''), Math.floor((bw - 20) / 7.9) - 10), 'title') + text(bx + bw - 10, y, node.address, 'dim', 'text-anchor="end"'));
  y += LINE;
  out.push(group(prefix + '/daemon/images', text(bx + 10, y, cut(`dockerd · ${m.containers.length} containers · ${m.images.length} images`, chars), 'dim')));
  y += LINE + 6;
  if (m.containers.length === 0) { out.push(text(bx + 10, y + 4, 'no containers', 'dim')); y += LINE + 4; }
  for (const c of m.containers) {
    const eth = c.ifaces.filter((l) => l.name !== 'lo');
    const ip = eth.length ? eth.map((l) => `${l.name} ${(l.addresses || []).join(' ')}`).join(', ') : (c.ip || 'no address');
    const h = 2 * LINE + 10;
    out.push(group(prefix + '/daemon/containers/' + esc(c.name), `<rect class="box container ${x(c.status)}" x="${bx + 8}" y="${y}" width="${iw - 16}" height="${h}" rx="6"/>`
      + text(bx + 16, y + 17, cut(`${c.name} · ${c.image}`, chars - 10), 'head') + text(bx + iw - 16, y + 17, c.status, 'status-' + c.status, 'text-anchor="end"')
      + group(eth.length ? prefix + '/host/links/' + esc(eth[0].key) : prefix + '/daemon/containers/' + esc(c.name) + '/ip', text(bx + 16, y + 17 + LINE, cut(ip, chars - 2), 'dim'),
        `data-testid="eth0-${x(c.name)}"`),
      `data-testid="container-${x(c.name)}" data-status="${x(c.status)}"`));
    boxes.set('container ' + c.name, { y, h });
    y += h + 6;
  }
  y += 4;
  const ovBridges = new Set(overlays.map((o) => o.bridge.key));
  for (const br of m.bridges.filter((b) => !ovBridges.has(b.key))) {
    const h = Math.max(24, 8 + 6 * veths.filter((w) => w.v.to === br.name).length);
    out.push(group(prefix + '/host/links/' + esc(br.key), `<rect class="bridge" x="${bx + 8}" y="${y}" width="${iw - 16}" height="${h}" rx="4"/>`
      + text(bx + 16, y + 17, cut(`${br.name}${br.net ? ' · ' + br.net.name : ''} ${(br.addresses || []).join(' ')}`, chars - 2), 'head'), `data-testid="bridge-${x(br.name)}"`));
    boxes.set('link ' + br.name, { y, h });
    y += h + 6;
  }
  for (const d of m.dummies) {
    const h = Math.max(24, 8 + 6 * veths.filter((w) => w.v.to === d.name).length);
    out.push(group(prefix + '/host/links/' + esc(d.key), `<rect class="box" x="${bx + 8}" y="${y}" width="${iw - 16}" height="${h}" rx="4"/>`
      + text(bx + 16, y + 17, cut(`${d.name} dummy · ${d.nets.length ? parentOf(d.nets) : 'parent of no network'}`, chars - 2), 'head'), `data-testid="parent-${x(d.name)}"`));
    boxes.set('link ' + d.name, { y, h });
    y += h + 6;
  }
  const rows = m.nat.length ? m.nat.map((r) => `DNAT ${r.proto} ${r.hostIp === '0.0.0.0' ? '' : r.hostIp}:${r.hostPort} → ${r.destIp}:${r.destPort}`) : ['no published port'];
  out.push(group(prefix + '/host/nat', `<rect class="nat" x="${bx + 8}" y="${y}" width="${iw - 16}" height="${10 + rows.length * LINE}" rx="4"/>`
    + rows.map((r, i) => text(bx + 16, y + 17 + i * LINE, cut(r, chars - 2), m.nat.length ? '' : 'dim')).join(''), `data-testid="nat-${x(node.name)}"`));
  y += 16 + rows.length * LINE;
  const eth0 = m.hostIfs[0];
  const ethY = y + 4;
  if (eth0) {
    out.push(group(prefix + '/host/links/' + esc(eth0.key), `<rect class="box" x="${bx + 8}" y="${ethY}" width="${iw - 16}" height="26" rx="4"/>`
      + text(bx + 16, ethY + 18, cut(`eth0 ${(eth0.addresses || []).join(' ')} ${eth0.nets.length ? parentOf(eth0.nets) : eth0.mac || ''}`, chars - 2), 'head'),
      `data-testid="eth0-host-${x(node.name)}"`));
    boxes.set('link ' + eth0.name, { y: ethY, h: 26 });
  }
  const ov = drawOverlayBridges(overlays, prefix, bx, ethY + 34, iw, anchorX);
  for (const [name, at] of ov.at) boxes.set('link ' + name, at);
  const bottom = (overlays.length ? ov.y : ethY + 26) + PAD;
  const wires = vethLines(veths, boxes, prefix, bx + iw - 8, step);
  const svg = `<g data-host="${x(node.name)}" data-testid="host-${x(node.name)}"><rect class="box host ${current ? 'current' : ''}" x="${bx}" y="${by}" width="${bw}" height="${bottom - by}" rx="8"/>`
    + `${stubsTo(ov.stubs, bottom)}${wires}${out.join('')}${ov.svg}</g>`;
  return { svg, bottom, ethX: bx + bw / 2, ethY: ethY + 26, name: node.name };
}

/**
 * Each container's veth lines in a host's column: out of the container box's right edge, down a lane
 * of its own right of the boxes (the first container's outermost, so the lines cross less), and
 * into the box of the bridge the veth is a port of (a macvlan or ipvlan child's into its parent's);
 * a veth that is a port of no drawn bridge stops on its lane.
 */
function vethLines(veths, boxes, prefix, right, step) {
  veths.forEach((w, j) => {
    const c = boxes.get('container ' + w.c.name);
    w.sy = Math.round(c.y + (c.h * (w.i + 1)) / (w.k + 1));
    w.lx = right + 8 + (veths.length - 1 - j) * step;
  });
  const ends = new Map();
  for (const w of veths) {
    const b = w.v.to && boxes.get('link ' + w.v.to);
    if (b) ends.set(w.v.to, [...(ends.get(w.v.to) || []), w]);
  }
  for (const [name, ws] of ends) {
    const b = boxes.get('link ' + name);
    ws.sort((p, q) => p.sy - q.sy).forEach((w, j) => { w.ty = Math.round(b.y + (b.h * (j + 1)) / (ws.length + 1)); });
  }
  return veths.map((w) => {
    const d = w.ty === undefined ? `M${right},${w.sy} L${w.lx},${w.sy} L${w.lx},${w.sy + 12}` : `M${right},${w.sy} L${w.lx},${w.sy} L${w.lx},${w.ty} L${right - 10},${w.ty}`;
    return group(prefix + '/host/links/' + esc(w.v.key), `<path class="wire" d="${d}"/>`,
      `data-testid="${x(w.v.testid)}" data-container="${x(w.c.name)}" data-to="${x(w.v.to || '')}"`);
  }).join('');
}

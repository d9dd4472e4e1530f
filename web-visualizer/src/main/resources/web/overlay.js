// Overlay networks in a world of hosts: on each host, an overlay is a bridge (ov-<VNI>-…) with a
// VXLAN port (vx-<VNI>-…) as one of its ports; two hosts' VXLAN ports of the same name are the two
// ends of one tunnel carried over the LAN. This file finds them in a host's kernel state, draws a
// host's overlay bridges and draws the tunnels between the hosts.
import { esc } from './model.js';

const LINE = 17;
const x = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cut = (s, n) => (String(s).length > n ? String(s).slice(0, Math.max(1, n - 1)) + '…' : String(s));
const text = (tx, ty, s, cls = '', extra = '') => `<text x="${tx}" y="${ty}" class="${cls}" ${extra}>${x(s)}</text>`;

export const OVERLAY_STYLE = `
  .bridge.overlay { fill: #e3f4f1; stroke: #1f7a6c; }
  .vtep { fill: #ffffff; stroke: #1f7a6c; stroke-width: 1.4; }
  .hl > .vtep { fill: #fff3c4; stroke: #e0a000; stroke-width: 3; }
  .vxlan-stub { stroke: #1f7a6c; stroke-width: 1.4; stroke-dasharray: 3 3; fill: none; }
  .vxlan path { stroke: #1f7a6c; stroke-width: 2; stroke-dasharray: 7 5; fill: none; }
  .vxlan text { fill: #1f7a6c; font-size: 12px; }
  .vxlan.active path { stroke: #e0a000; stroke-width: 4; }
  .vxlan.active text { fill: #a35d00; font-weight: bold; }
`;

/**
 * The overlays of one host's kernel state: each VXLAN link with the bridge it is a port of, its VNI
 * (read from the link's name, where the driver writes it in hex) and the network whose bridge that is,
 * as the daemon's state names it (its bridge's name when the daemon does not list it).
 */
export function overlaysOf(m, links) {
  const byName = new Map(links.map((l) => [l.name, l]));
  return links
    .filter((l) => l.kind === 'vxlan' && !String(l.key).includes(':') && l.master && byName.has(l.master))
    .map((v) => {
      const hex = (String(v.name).match(/^vx-([0-9a-f]{6})-/) || [])[1];
      const net = m.networks.find((n) => n.driver === 'overlay' && n.bridgeInterface === v.master);
      return { vxlan: v, bridge: byName.get(v.master), vni: hex ? parseInt(hex, 16) : null, network: net ? net.name : v.master };
    })
    .sort((a, b) => (a.vni ?? 0) - (b.vni ?? 0) || a.vxlan.name.localeCompare(b.vxlan.name));
}

/**
 * A host's overlay bridges from y down, each with its VXLAN port, and a dashed stub from the port to
 * the host's lower edge at `anchorX(name)`, where the tunnel leaves the host. Returns the markup
 * (stubs first, so the boxes lie over them), the y under the last box and where each bridge's box is
 * (`at`: bridge name → {y, h}), for the veth lines that end on it.
 */
export function drawOverlayBridges(overlays, prefix, bx, y, bw, anchorX) {
  const stubs = [];
  const boxes = [];
  const at = new Map();
  for (const o of overlays) {
    const ax = anchorX(o.vxlan.name);
    const portW = 14 + 7.6 * o.vxlan.name.length;
    const px = Math.min(Math.max(ax - portW / 2, bx + 12), bx + bw - 12 - portW);
    const h = 2 * LINE + 14;
    const addr = (o.bridge.addresses || []).join(' ');
    const port = `<g data-path="${x(prefix + '/host/links/' + esc(o.vxlan.key))}" data-testid="vtep-${x(o.vxlan.name)}">`
      + `<rect class="vtep" x="${px}" y="${y + LINE + 8}" width="${portW}" height="${LINE + 2}" rx="3"/>`
      + text(px + 7, y + 2 * LINE + 5, o.vxlan.name, 'dim') + '</g>';
    boxes.push(`<g data-path="${x(prefix + '/host/links/' + esc(o.bridge.key))}" data-testid="overlay-${x(o.network)}" data-vni="${o.vni ?? ''}">`
      + `<rect class="bridge overlay" x="${bx + 8}" y="${y}" width="${bw - 16}" height="${h}" rx="4"/>`
      + text(bx + 16, y + 17, cut(`${o.network} overlay · VNI ${o.vni ?? '?'}`, Math.floor((bw - 42 - 7.9 * addr.length) / 7.4)), 'head')
      + text(bx + bw - 16, y + 17, addr, 'dim', 'text-anchor="end"')
      + port + text(bx + bw - 16, y + 2 * LINE + 5, o.bridge.name, 'dim', 'text-anchor="end"') + '</g>');
    stubs.push({ ax, y1: y + 2 * LINE + 10 });
    at.set(o.bridge.name, { y, h });
    y += h + 6;
  }
  return { stubs, svg: boxes.join(''), y, at };
}

/** The markup of the stubs once the host's lower edge is known. */
export function stubsTo(stubs, bottom) {
  return stubs.map((s) => `<path class="vxlan-stub" d="M${s.ax},${s.y1} L${s.ax},${bottom}"/>`).join('');
}

/**
 * The tunnels between hosts: for every pair of hosts that both have a VXLAN link of the same name, a
 * dashed arc under the hosts from one's anchor to the other's, labelled with the VNI in decimal and
 * the network. `hosts` are {name, overlays, anchorX(name), bottom}; returns the markup and the height it takes from top.
 */
export function drawTunnels(hosts, names, top) {
  const parts = [];
  let depth = 0;
  names.forEach((name, k) => {
    const ends = hosts.filter((h) => h.overlays.some((o) => o.vxlan.name === name));
    for (let i = 0; i < ends.length; i++) {
      for (let j = i + 1; j < ends.length; j++) {
        const a = ends[i];
        const b = ends[j];
        const o = a.overlays.find((v) => v.vxlan.name === name);
        const d = 22 + k * 30 + (hosts.indexOf(b) - hosts.indexOf(a) - 1) * 15;
        const xa = a.anchorX(name);
        const xb = b.anchorX(name);
        const mx = (xa + xb) / 2;
        depth = Math.max(depth, d + 8);
        parts.push(`<g class="vxlan" data-testid="vxlan-link" data-vni="${o.vni ?? ''}" data-name="${x(name)}" data-network="${x(o.network)}" data-hosts="${x(a.name)} ${x(b.name)}">`
          + `<path d="M${xa},${a.bottom} L${xa},${top} Q${mx},${top + 2 * d} ${xb},${top} L${xb},${b.bottom}"/>`
          + `<rect x="${mx - 4}" y="${top + d - 13}" width="${8 + 7.4 * `VXLAN ${o.vni} ${o.network}`.length}" height="16" fill="#ffffff" opacity="0.85"/>`
          + text(mx, top + d, `VXLAN ${o.vni} ${o.network}`) + '</g>');
      }
    }
  });
  return { svg: parts.join(''), h: depth };
}

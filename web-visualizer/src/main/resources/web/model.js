// Reads the engine's state JSON into what the diagram draws: each container with the kernel
// objects that belong to it at this moment, and the host's network.

export const esc = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

const values = (o) => (o ? Object.entries(o) : []);

export function model(state, catalog = []) {
  const daemon = state.daemon || {};
  const host = state.host || {};
  const processes = values(host.processes).map(([key, p]) => ({ key, ...p }));
  const links = values(host.links).map(([key, l]) => ({ key, ...l }));
  const nat = (host.nat || []).map((r, i) => ({ ...r, index: i }));
  const proxies = (host.proxies || []).map((r, i) => ({ ...r, index: i }));
  const containers = values(daemon.containers).map(([name, c]) => container(name, c, host, processes, links, nat));
  const images = values(daemon.images).map(([key, i]) => ({ key, ...i }));
  const networks = values(daemon.networks).map(([name, n]) => ({ name, ...n }));
  const bridges = links.filter((l) => l.kind === 'bridge' && !String(l.key).includes(':'))
    .map((l) => ({ ...l, net: networks.find((n) => n.bridgeInterface === l.name) }))
    .sort((a, b) => rank(a) - rank(b) || String(a.net ? a.net.name : '~' + a.name).localeCompare(b.net ? b.net.name : '~' + b.name));
  const parentOf = (l) => ({ ...l, nets: networks.filter((n) => n.parent === l.name) }); // the macvlan and ipvlan networks on a link
  const hostIfs = links.filter((l) => l.kind === 'ether' && !String(l.key).includes(':')).map(parentOf);
  const dummies = links.filter((l) => l.kind === 'dummy' && !String(l.key).includes(':')).map(parentOf);
  const local = new Set(images.flatMap((i) => i.tags || []));
  return { containers, images, networks, bridges, hostIfs, dummies, nat, proxies, catalog: catalog.filter((r) => !local.has(r)), time: state.time };
}

/** The default bridge first, then the user networks' bridges by network name, then bridges no network names. */
const rank = (bridge) => (bridge.name === 'docker0' ? 0 : bridge.net ? 1 : 2);

function container(name, c, host, processes, links, nat) {
  const shim = processes.find((p) => c.id && p.command.includes('containerd-shim') && p.command.includes(c.id));
  let init = processes.find((p) => c.pid && p.pid === c.pid) || (shim && processes.find((p) => p.ppid === shim.pid));
  const cgroupKey = c.cgroup || '';
  const cgroup = cgroupKey && host.cgroups ? host.cgroups[cgroupKey] : undefined;
  const procs = processes.filter((p) => (cgroupKey && p.cgroup === '/' + cgroupKey) || (init && p.pid === init.pid));
  const namespaces = init ? values(host.namespaces).filter(([, n]) => n.creatorPid === init.pid).map(([key, n]) => ({ key, ...n })) : [];
  const netns = namespaces.find((n) => n.type === 'net');
  const ifaces = netns ? links.filter((l) => l.netns === netns.inode) : [];
  const veth = c.veth ? links.find((l) => l.key === c.veth) : undefined;
  const ends = hostEnds(name, ifaces, links, veth);
  const merged = c.upperdir ? c.upperdir.replace(/\/diff$/, '/merged') : '';
  const overlay = merged && host.mounts ? host.mounts[merged] : undefined;
  const rules = nat.filter((r) => c.ip && r.destIp === c.ip);
  return { name, ...c, shim, init, cgroupKey, cgroup, procs, namespaces, ifaces, vethLink: veth, ends, merged, overlay, rules };
}

/**
 * Where a container's interfaces meet the host, one per network it is on: the host end of each veth
 * pair (the peer of its interface, found among the host's links, a port of the bridge it names as
 * master; the daemon's record of it while the container's side is not wired yet), and each macvlan
 * or ipvlan child, which hangs off its parent link on the host. `to` names the host link each ends on.
 */
function hostEnds(name, ifaces, links, veth) {
  const veths = ifaces.filter((l) => l.kind === 'veth' && l.peer)
    .map((l) => links.find((h) => h.name === l.peer && h.kind === 'veth' && !String(h.key).includes(':')))
    .filter(Boolean);
  if (veth && !veths.some((l) => l.key === veth.key)) veths.unshift(veth);
  const children = ifaces.filter((l) => (l.kind === 'macvlan' || l.kind === 'ipvlan') && l.peer);
  return veths.map((l) => ({ key: l.key, name: l.name, to: l.master, testid: 'veth-' + l.name }))
    .concat(children.map((l) => ({ key: l.key, name: `${l.name} ${l.kind}`, to: l.peer, testid: `${l.kind}-${name}-${l.name}` })));
}

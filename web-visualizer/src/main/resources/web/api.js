// The page's calls to the server: its session under /api/sessions/{id}, or a classroom's
// read-only view under /api/watch/{watchId}.

export class Api {
  constructor(base) { this.base = base; }

  static async session(classroom = false) {
    const r = await fetch('/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ classroom }) });
    return r.json();
  }

  async get(path = '') {
    const r = await fetch(this.base + path);
    const body = r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text();
    if (!r.ok) throw Object.assign(new Error(body.error || r.statusText), { status: r.status });
    return body;
  }

  async command(line) {
    const r = await fetch(this.base + '/commands', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ line }) });
    const body = await r.json();
    if (!r.ok) throw Object.assign(new Error(body.error || r.statusText), { status: r.status });
    const timing = r.headers.get('server-timing') || '';
    body.serverMs = Object.fromEntries([...timing.matchAll(/(\w+);dur=([\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
    return body;
  }

  lab() { return this.get('/lab'); }

  files() { return this.get('/files'); }

  async putFile(path, bytes) {
    const r = await fetch(this.base + '/files?path=' + encodeURIComponent(path), { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
    const body = await r.json();
    if (!r.ok) throw Object.assign(new Error(body.error || r.statusText), { status: r.status });
    return body;
  }

  async name(name) {
    await fetch(this.base + '/name', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
  }

  complete(line) { return this.get('/complete?line=' + encodeURIComponent(line)); }

  async reset() { await fetch(this.base, { method: 'DELETE' }); }

  events(onMessage) {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(proto + '//' + location.host + this.base + '/events');
    ws.onmessage = (m) => onMessage(JSON.parse(m.data));
    return ws;
  }
}

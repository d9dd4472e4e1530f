// The state at every step of a trace, rebuilt from the state before the command and each event's
// changes (JSON-pointer edits). Going forward applies `after` values; going back, `before` values;
// the op says when a side is absent (add: no before, remove: no after), since both travel as null.

const unesc = (p) => p.replace(/~1/g, '/').replace(/~0/g, '~');

// `absent` removes the key; a JSON null is a value like any other (a link's "master": null).
function set(root, path, value, absent) {
  if (path === '') return absent ? {} : structuredClone(value);
  const parts = path.slice(1).split('/').map(unesc);
  let node = root;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === undefined || node[part] === null) node[part] = {};
    node = node[part];
  }
  const last = parts[parts.length - 1];
  if (absent) delete node[last];
  else node[last] = structuredClone(value);
  return root;
}

export function apply(state, changes, back = false) {
  let s = state;
  const list = back ? [...changes].reverse() : changes;
  for (const c of list) s = set(s, c.path, back ? c.before : c.after, c.op === (back ? 'add' : 'remove'));
  return s;
}

/** Depth of each event in the causal tree, for indenting the timeline. */
export function depths(events) {
  const d = [];
  for (const e of events) d[e.seq] = e.parent < 0 ? 0 : d[e.parent] + 1;
  return d;
}

/** Steps through a trace; stateAt(k) is the state once event k has happened (-1: before the command). */
export class Stepper {
  constructor(trace) {
    this.trace = trace;
    this.events = trace.events;
    this.k = -1;
    this.state = structuredClone(trace.before);
  }

  get last() { return this.events.length - 1; }

  /** Moves to step k one event at a time, forward or back, and returns the state there. */
  goTo(k) {
    k = Math.max(-1, Math.min(this.last, k));
    while (this.k < k) { this.k++; this.state = apply(this.state, this.events[this.k].changes); }
    while (this.k > k) { this.state = apply(this.state, this.events[this.k].changes, true); this.k--; }
    return this.state;
  }
}

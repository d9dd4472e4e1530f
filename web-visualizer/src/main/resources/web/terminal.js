// The terminal pane: a prompt, the output as the docker CLI prints it, history with ↑/↓ and
// tab completion from the server (the same idea as the REPL's).

const HELP = `Type docker commands as at work, with or without the leading "docker":
  docker run -d -p 8080:80 --name web nginx     docker ps     docker exec web hostname
  docker images    docker stop web    docker rm -f web    docker network ls
The diagram shows the host as the last command left it; the timeline below it replays
that command step by step (← → step, space plays). Tab completes, ↑/↓ walk the history,
"clear" empties this pane, "trace" prints the last command's steps as a tree. The lessons pane on the left teaches step by step; at this prompt
lab, check, hint, solution and answer TEXT work as in the REPL.
`;

export class Terminal {
  constructor(root, { run, complete, trace }) {
    this.out = root.querySelector('#out');
    this.input = root.querySelector('#cmd');
    this.run = run;
    this.complete = complete;
    this.trace = trace;
    this.history = [];
    this.at = 0;
    this.busy = false;
    this.input.addEventListener('keydown', (e) => this.key(e));
  }

  setHistory(lines) { this.history = lines.filter((l) => l.trim()); this.at = this.history.length; }

  print(s, cls = '') {
    if (!s) return;
    const span = document.createElement('span');
    if (cls) span.className = cls;
    span.textContent = s.endsWith('\n') ? s : s + '\n';
    this.out.appendChild(span);
    this.out.scrollTop = this.out.scrollHeight;
  }

  /** A line from the lesson pane: shown and run as if typed. */
  async typed(line) {
    if (this.busy || this.input.disabled) return;
    this.print('$ ' + line, 'prompt');
    this.busy = true;
    try { await this.run(line); } finally { this.busy = false; }
  }

  readOnly(why) {
    this.input.disabled = true;
    this.input.placeholder = why;
  }

  async key(e) {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (this.busy) return;
      const line = this.input.value;
      this.input.value = '';
      this.print('$ ' + line, 'prompt');
      if (line.trim()) { this.history.push(line); }
      this.at = this.history.length;
      if (line.trim() === 'clear') { this.out.textContent = ''; return; }
      if (line.trim() === 'help') { this.print(HELP, 'dim'); return; }
      if (line.trim() === 'trace' && this.trace) { this.print(this.trace() || 'no trace yet: run a command first', 'dim'); return; }
      this.busy = true;
      try { await this.run(line); } finally { this.busy = false; }
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.at > 0) { this.at--; this.input.value = this.history[this.at]; }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (this.at < this.history.length) { this.at++; this.input.value = this.history[this.at] ?? ''; }
    } else if (e.key === 'Tab') {
      e.preventDefault();
      await this.tab();
    } else if (e.key === 'Escape') {
      this.input.blur();
    }
  }

  async tab() {
    const line = this.input.value;
    const { word, words } = await this.complete(line);
    if (!words || words.length === 0) return;
    const head = line.slice(0, line.length - word.length);
    if (words.length === 1) {
      this.input.value = head + words[0] + ' ';
      return;
    }
    let common = words[0];
    for (const w of words) while (!w.startsWith(common)) common = common.slice(0, -1);
    if (common.length > word.length) this.input.value = head + common;
    else this.print(words.join('  '), 'dim');
  }
}

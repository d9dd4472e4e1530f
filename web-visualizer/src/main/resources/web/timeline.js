// The timeline of the last command's trace: play, pause, speed, step forward and back, jump to
// any step. It owns a Stepper and calls onStep(k, event, state) whenever the step changes.
import { Stepper, depths } from './steps.js';

const label = (e) => `${e.host ? e.host + ' ' : ''}${e.layer}${e.subsystem ? '/' + e.subsystem : ''}`; // a world's steps name their host

export class Timeline {
  constructor(root, onStep) {
    this.root = root;
    this.onStep = onStep;
    this.list = root.querySelector('#events');
    this.slider = root.querySelector('#slider');
    this.counter = root.querySelector('#counter');
    this.playBtn = root.querySelector('#play');
    this.speed = root.querySelector('#speed');
    this.stepper = null;
    this.timer = null;
    root.querySelector('#first').onclick = () => this.go(0);
    root.querySelector('#back').onclick = () => this.back();
    root.querySelector('#fwd').onclick = () => this.forward();
    root.querySelector('#lastStep').onclick = () => this.go(this.stepper ? this.stepper.last : 0);
    this.playBtn.onclick = () => this.toggle();
    this.slider.oninput = () => this.go(Number(this.slider.value));
    this.speed.onchange = () => { if (this.timer) { this.pause(); this.play(); } };
  }

  load(trace) {
    this.pause();
    this.stepper = new Stepper(trace);
    const d = depths(trace.events);
    this.list.innerHTML = '';
    trace.events.forEach((e, i) => {
      const row = document.createElement('div');
      row.className = 'ev';
      row.dataset.step = i;
      row.style.paddingLeft = (4 + Math.min(d[i], 8) * 12) + 'px';
      row.innerHTML = `<span class="seq">${i}</span> <span class="layer l-${e.layer}">${label(e)}</span> <b></b> <span class="obj"></span>`;
      row.querySelector('b').textContent = e.action;
      row.querySelector('.obj').textContent = e.object.replace(/[0-9a-f]{64}/g, (h) => h.slice(0, 12));
      row.onclick = () => this.go(i);
      this.list.appendChild(row);
    });
    this.slider.min = 0;
    this.slider.max = this.stepper.last;
    this.go(this.stepper.last);
  }

  get k() { return this.stepper ? this.stepper.k : -1; }

  go(k) {
    if (!this.stepper) return;
    const t0 = performance.now();
    const state = this.stepper.goTo(k);
    k = this.stepper.k;
    this.slider.value = k;
    this.counter.textContent = `step ${k} / ${this.stepper.last}`;
    this.list.querySelector('.ev.now')?.classList.remove('now');
    const row = this.list.children[k];
    if (row) { row.classList.add('now'); row.scrollIntoView({ block: 'nearest' }); }
    this.onStep(k, this.stepper.events[k], state);
    this.lastStepMs = performance.now() - t0;
  }

  forward() { if (this.stepper && this.k < this.stepper.last) this.go(this.k + 1); else this.pause(); }
  back() { if (this.stepper && this.k > 0) this.go(this.k - 1); }

  toggle() { if (this.timer) this.pause(); else this.play(); }

  play() {
    if (!this.stepper) return;
    if (this.k >= this.stepper.last) this.go(0);
    const ms = 700 / Number(this.speed.value || 1);
    this.timer = setInterval(() => this.forward(), ms);
    this.playBtn.textContent = 'pause';
    this.playBtn.title = 'pause (space)';
  }

  pause() {
    clearInterval(this.timer);
    this.timer = null;
    this.playBtn.textContent = 'play';
    this.playBtn.title = 'play (space)';
  }
}

// The lesson pane: the curriculum, then the step being worked on: its text, the commands to try
// (a click puts one into the terminal), its goals with a live ✓, the question, hints and the solution.
import { markdown } from './markdown.js';

const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'testid') e.dataset.testid = v; else if (k === 'onclick') e.onclick = v; else e.setAttribute(k, v);
  }
  if (text !== undefined) e.textContent = text;
  return e;
};

export class LabPane {
  constructor(root, { send, fill, name }) {
    this.body = root.querySelector('#lab-body');
    this.send = send;
    this.fill = fill;
    this.name = name;
    this.view = null;
  }

  update(view) {
    if (!view) return;
    this.view = view;
    this.body.replaceChildren(view.lesson ? this.lesson(view.lesson) : this.curriculum(view.lessons));
    document.body.classList.toggle('in-lesson', Boolean(view.lesson));
  }

  curriculum(lessons) {
    const box = el('div', { class: 'curriculum' });
    box.append(el('h2', {}, 'Lessons'));
    const done = lessons.filter((l) => l.finished).length;
    box.append(el('p', { class: 'dim' }, `${done} of ${lessons.length} finished. Each lesson checks itself as you work.`));
    const list = el('ol', { class: 'lessons' });
    for (const l of lessons) {
      const li = el('li', { testid: 'lesson-' + l.id });
      const b = el('button', { class: 'lesson', onclick: () => this.send('lab start ' + l.id) });
      b.append(el('span', { class: 'mark' }, l.finished ? '✓' : l.step ? '…' : ''), el('b', {}, l.title));
      li.append(b, el('div', { class: 'dim' }, l.summary + (l.step && !l.finished ? ` (at step ${l.step}/${l.steps})` : '')));
      list.append(li);
    }
    box.append(list);
    const who = el('div', { class: 'who' });
    const input = el('input', { placeholder: 'your name, for the teacher', maxlength: '40', 'aria-label': 'your name' });
    input.onchange = () => this.name(input.value);
    who.append(input);
    box.append(who);
    return box;
  }

  lesson(lesson) {
    const s = lesson.step;
    const box = el('div', { class: 'lesson-view' });
    const head = el('div', { class: 'lab-head' });
    head.append(el('button', { title: 'the list of lessons (your progress stays)', onclick: () => this.send('lab quit') }, '☰'),
      el('span', { class: 'dim' }, `Lesson ${lesson.number}: ${lesson.title}`));
    box.append(head);
    const title = el('h2', { testid: 'step-title' }, `Step ${s.number}/${s.of}: ${s.title}`);
    if (s.done) title.prepend(el('span', { class: 'met' }, '✓ '));
    box.append(title);
    if (lesson.finished) box.append(el('p', { class: 'finished', testid: 'finished' }, '✓ You finished this lesson.'));
    const text = el('div', { class: 'md' });
    text.innerHTML = markdown(s.text); // markdown() escapes everything it is given
    box.append(text);
    if (s.refused) box.append(el('p', { class: 'refused', testid: 'refused' }, 'This engine refuses part of this step: ' + s.refused));
    if (s.commands.length) {
      box.append(el('div', { class: 'dim' }, 'Try (a click puts it into the terminal):'));
      for (const c of s.commands) box.append(el('button', { class: 'cmd', testid: 'lab-cmd', onclick: () => this.fill(c) }, c));
    }
    if (s.quiz) box.append(this.quiz(s.quiz));
    if (s.goals.length) {
      const goals = el('ul', { class: 'goals' });
      for (const g of s.goals) {
        const li = el('li', { class: g.met ? 'met' : 'unmet', testid: 'goal-' + g.id });
        li.append(el('span', { class: 'mark' }, g.met ? '✓' : '·'), el('span', {}, g.text));
        if (!g.met && g.missing) li.append(el('div', { class: 'missing' }, g.missing));
        goals.append(li);
      }
      box.append(goals);
    }
    const nav = el('div', { class: 'lab-nav' });
    nav.append(
      el('button', { testid: 'hint', onclick: () => this.send('hint') }, `hint${s.hints ? ` (${s.hintsShown}/${s.hints})` : ''}`),
      el('button', { testid: 'solution', title: 'shown in the terminal, not run', onclick: () => this.send('solution') }, 'solution'),
      el('button', { testid: 'prev', onclick: () => this.send('lab prev') }, '◀ previous'),
      el('button', { testid: 'next', onclick: () => this.send('lab next') }, 'next ▶'),
      el('button', { testid: 'lab-reset', title: "back to the lesson's start state", onclick: () => this.send('lab reset') }, '⟲ start over'));
    if (s.number === 1) nav.querySelector('[data-testid=prev]').disabled = true;
    if (s.number === s.of) nav.querySelector('[data-testid=next]').disabled = true;
    box.append(nav);
    return box;
  }

  quiz(q) {
    const box = el('div', { class: 'quiz', testid: 'quiz' });
    const question = el('div', { class: 'md' });
    question.innerHTML = markdown(q.question); // escaped by markdown()
    box.append(question);
    if (q.answered) box.append(el('p', { class: 'met' }, '✓ answered'));
    q.choices.forEach((c, i) => box.append(el('button', { class: 'choice', testid: 'choice-' + (i + 1), onclick: () => this.send('answer ' + (i + 1)) }, c)));
    if (!q.choices.length) box.append(el('div', { class: 'dim' }, 'Type your answer in the terminal: answer TEXT'));
    return box;
  }
}

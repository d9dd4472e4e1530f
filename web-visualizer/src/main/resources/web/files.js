// The session's own files (the docker client's working directory on this page): listed after every
// command, written from the small editor or uploaded from the student's computer. docker build . and
// docker cp read and write them.

export class FilesPane {
  constructor(doc, api) {
    this.doc = doc;
    this.api = api;
    this.list = doc.querySelector('#file-list');
    this.msg = doc.querySelector('#file-msg');
    doc.querySelector('#file-save').onclick = (e) => { e.preventDefault(); this.save(); };
    doc.querySelector('#file-upload').onchange = (e) => this.upload(e.target.files);
  }

  async refresh() {
    try {
      this.show(await this.api.files());
    } catch (e) {
      this.say(e.message, true);
    }
  }

  show(listing) {
    this.doc.querySelector('#file-cwd').textContent = listing.cwd;
    this.list.innerHTML = '';
    for (const f of listing.files) {
      const li = this.doc.createElement('li');
      li.textContent = f.path + (f.type === 'dir' ? '/' : f.type === 'symlink' ? ' →' : '  ' + f.size + ' B');
      li.dataset.path = f.path;
      if (f.type === 'file') li.onclick = () => { this.doc.querySelector('#file-name').value = f.path; };
      this.list.appendChild(li);
    }
    if (!listing.files.length) this.list.innerHTML = '<li class="dim">no files yet</li>';
  }

  async save() {
    const name = this.doc.querySelector('#file-name').value.trim();
    const text = this.doc.querySelector('#file-text').value;
    await this.put(name, new TextEncoder().encode(text));
  }

  async upload(fileList) {
    for (const f of fileList) {
      if (!(await this.put(f.name, new Uint8Array(await f.arrayBuffer())))) break;
    }
    this.doc.querySelector('#file-upload').value = '';
  }

  async put(name, bytes) {
    try {
      this.show(await this.api.putFile(name, bytes));
      this.say('saved ' + name, false);
      return true;
    } catch (e) {
      this.say(e.message, true);
      return false;
    }
  }

  say(text, error) {
    this.msg.textContent = text;
    this.msg.className = error ? 'err' : 'dim';
  }
}

"""The real docker CLI at a terminal against a glassbox daemon: run -it, Ctrl-C, Ctrl-D, attach with
Ctrl-P Ctrl-Q, exec -it. Each scenario drives the CLI through a pty, as a student's terminal does.
Usage: pty_check.py DOCKER SOCKET_URL [IMAGE] (alpine by default). Exits 1 with what differed on the first failure."""
import os
import pty
import select
import subprocess
import sys
import time

DOCKER, HOST = sys.argv[1], sys.argv[2]
IMAGE = sys.argv[3] if len(sys.argv) > 3 else "alpine"
ENV = {"PATH": "/usr/bin:/bin", "HOME": os.getcwd(), "DOCKER_HOST": HOST, "DOCKER_CLI_HINTS": "false", "TERM": "xterm"}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


class Session:
    def __init__(self, args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(DOCKER, [DOCKER] + args, ENV)
        self.seen = b""

    def expect(self, text, timeout=15):
        want = text.encode()
        end = time.time() + timeout
        while want not in self.seen:
            left = end - time.time()
            if left <= 0:
                fail("waited for %r, the terminal showed %r" % (text, self.seen.decode(errors="replace")))
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    fail("the CLI ended while waiting for %r; the terminal showed %r" % (text, self.seen.decode(errors="replace")))
                self.seen += chunk
        at = self.seen.index(want) + len(want)
        before, self.seen = self.seen[:at], self.seen[at:]
        return before.decode(errors="replace")

    def send(self, text):
        os.write(self.fd, text.encode())

    def status(self, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(st)
            try:
                r, _, _ = select.select([self.fd], [], [], 0.1)
                if r:
                    self.seen += os.read(self.fd, 4096)
            except OSError:
                time.sleep(0.05)
        fail("the CLI did not end; the terminal showed %r" % self.seen.decode(errors="replace"))


def docker(*args):
    return subprocess.run([DOCKER] + list(args), env=ENV, capture_output=True, text=True)


# run -it: a prompt, a command's output, the shell's exit status is the CLI's
s = Session(["run", "-it", "--rm", IMAGE, "sh"])
s.expect("/ # ")
s.send("echo hi-$((40+2))\r")
s.expect("hi-42")
s.expect("/ # ")
s.send("sleep 100\r")
time.sleep(0.5)
s.send("\x03")  # Ctrl-C: the terminal sends SIGINT to the foreground job, the shell stays
s.expect("/ # ")
s.send("exit 3\r")
if s.status() != 3:
    fail("docker run -it --rm alpine sh; exit 3 did not exit 3")

# Ctrl-D ends the shell
s = Session(["run", "-it", "--rm", IMAGE, "sh"])
s.expect("/ # ")
s.send("\x04")
if s.status() != 0:
    fail("Ctrl-D at the prompt did not end the container with 0")

# run -dit, then attach and detach with Ctrl-P Ctrl-Q: the container runs on
r = docker("run", "-dit", "--name", "a1", IMAGE, "sh")
if r.returncode != 0:
    fail("docker run -dit: " + r.stderr)
s = Session(["attach", "a1"])
time.sleep(0.5)
s.send("hostname\r")
s.expect(r.stdout.strip()[:12])
s.send("\x10\x11")
s.expect("read escape sequence")
s.status()
if docker("inspect", "-f", "{{.State.Running}}", "a1").stdout.strip() != "true":
    fail("after Ctrl-P Ctrl-Q the container a1 is not running")

# exec -it into the running container
s = Session(["exec", "-it", "a1", "sh"])
s.expect("/ # ")
s.send("tty\r")
s.expect("/dev/pts/")
s.send("exit 5\r")
if s.status() != 5:
    fail("docker exec -it a1 sh; exit 5 did not exit 5")
docker("rm", "-f", "a1")
print("ok")

"""The docker SDK for Python (Debian's python3-docker) against a glassbox Engine API socket.

Usage: sdk_check.py unix:///path/to/docker.sock
Asserts what a user of the SDK relies on; prints every difference and exits 1 if any.
"""
import struct
import sys

import docker

failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


base = sys.argv[1]
client = docker.DockerClient(base_url=base)
api = docker.APIClient(base_url=base)

check("ping", client.ping(), True)
check("version ApiVersion", client.version()["ApiVersion"], "1.50")

# images
img = client.images.pull("busybox", tag="latest")
check("pull tags", "busybox:latest" in img.tags, True)
check("tag", img.tag("sdkbox", "1"), True)
tags = sorted(t for i in client.images.list() for t in i.tags)
check("images.list has both tags", "busybox:latest" in tags and "sdkbox:1" in tags, True)
client.images.remove("sdkbox:1")
check("tag removed", any("sdkbox:1" in i.tags for i in client.images.list()), False)

# containers
out = client.containers.run("busybox", ["sh", "-c", "echo hello; echo oops >&2"], remove=True, stderr=True)
check("run (not detached) output", out, b"hello\noops\n")
try:
    client.containers.run("busybox", ["sh", "-c", "exit 3"], remove=True)
    failures.append("run exit 3: no ContainerError")
except docker.errors.ContainerError as e:
    check("ContainerError exit status", e.exit_status, 3)

c = client.containers.run("busybox", ["sh", "-c", "echo started; sleep 1000"], detach=True, name="sdkworker",
                          environment={"GREETING": "hi"}, working_dir="/tmp")
check("detached status", client.containers.get("sdkworker").status, "running")
names = [x.name for x in client.containers.list()]
check("list running", "sdkworker" in names, True)
check("logs", c.logs(), b"started\n")
r = c.exec_run(["sh", "-c", "echo $GREETING; pwd"])
check("exec_run exit code", r.exit_code, 0)
check("exec_run output", r.output, b"hi\n/tmp\n")
r = c.exec_run(["sh", "-c", "echo no >&2; exit 5"])
check("exec_run failing exit code", r.exit_code, 5)
check("exec_run failing output", r.output, b"no\n")
c.stop(timeout=1)
c.reload()
check("stopped status", c.status, "exited")
check("list all has the stopped one", "sdkworker" in [x.name for x in client.containers.list(all=True)], True)
check("list running lacks it", "sdkworker" in [x.name for x in client.containers.list()], False)
c.remove()
try:
    client.containers.get("sdkworker")
    failures.append("get after remove: no NotFound")
except docker.errors.NotFound:
    pass

# networks
n = client.networks.create("sdknet", driver="bridge")
check("network listed", "sdknet" in [x.name for x in client.networks.list()], True)
try:
    client.networks.create("sdknet", driver="bridge", check_duplicate=True)
    failures.append("duplicate network: no APIError")
except docker.errors.APIError as e:
    check("duplicate network status", e.status_code, 409)
n.remove()
check("network removed", "sdknet" in [x.name for x in client.networks.list()], False)

# volumes
v = client.volumes.create("sdkvol")
check("volume name", v.name, "sdkvol")
check("volume listed", "sdkvol" in [x.name for x in client.volumes.list()], True)
v.remove()
check("volume removed", "sdkvol" in [x.name for x in client.volumes.list()], False)

# the low-level attach socket: multiplexed frames before and after the start
cid = api.create_container("busybox", ["sh", "-c", "echo out; echo err >&2"])["Id"]
sock = api.attach_socket(cid, params={"stdout": 1, "stderr": 1, "stream": 1})
raw = sock._sock if hasattr(sock, "_sock") else sock
api.start(cid)
data = b""
while True:
    chunk = raw.recv(4096)
    if not chunk:
        break
    data += chunk
frames = {}
i = 0
while i + 8 <= len(data):
    stream, length = struct.unpack(">BxxxL", data[i:i + 8])
    frames[stream] = frames.get(stream, b"") + data[i + 8:i + 8 + length]
    i += 8 + length
check("attach frames cover the data", i, len(data))
check("attach stdout frame", frames.get(1), b"out\n")
check("attach stderr frame", frames.get(2), b"err\n")
check("wait", api.wait(cid)["StatusCode"], 0)
api.remove_container(cid)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("docker SDK for Python", docker.__version__, ": all checks passed")

package dev.glassbox.sim;

import java.util.List;

/** The host the sim kernel boots into: a root filesystem, procfs, and the daemons Docker runs on. */
final class HostSetup {
    private HostSetup() {}

    static void boot(SimKernel k, MountTable table) {
        TreeFs fs = k.hostFs;
        for (String dir : List.of("etc", "proc", "sys/fs/cgroup", "dev", "run/docker/netns", "tmp", "usr/bin", "usr/sbin",
                "var/lib/docker/containers", "var/lib/docker/volumes",
                "var/lib/containerd", "root", "home")) {
            fs.mkdirs(MountTable.split(dir));
        }
        fs.write(List.of("etc", "hostname"), (k.info().hostname() + "\n").getBytes(), false, 0644);
        fs.write(List.of("etc", "resolv.conf"), "nameserver 10.0.2.3\n".getBytes(), false, 0644); // the VM's DNS, as QEMU's user network offers it
        fs.write(List.of("etc", "os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n".getBytes(), false, 0644);
        table.add(new MountTable.Mount(List.of(), fs, List.of(), false, "ext4", "/dev/vda", "rw,relatime"));
        table.add(new MountTable.Mount(List.of("dev"), Devices.host(k.ids), List.of(), false, "devtmpfs", "udev", "rw,nosuid,relatime,mode=755"));
        table.add(new MountTable.Mount(List.of("proc"), new ProcFs(k, k.hostNs.pid()), List.of(), false, "proc", "proc", "rw,nosuid,nodev,noexec,relatime"));
        table.add(new MountTable.Mount(List.of("sys", "fs", "cgroup"), new TreeFs("cgroup2", k.ids), List.of(), false, "cgroup2", "cgroup2", "rw,nosuid,nodev,noexec,relatime"));

        SimProcess init = host(k, null, "systemd", List.of("/sbin/init"));
        k.hostNs.pid().skipTo(512);
        k.containerd = host(k, init, "containerd", List.of("/usr/bin/containerd"));
        k.hostNs.pid().skipTo(530);
        host(k, init, "dockerd", List.of("/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock"));
        k.hostNs.pid().skipTo(1000);
    }

    private static SimProcess host(SimKernel k, SimProcess parent, String name, List<String> argv) {
        SimProcess p = k.newProcess(k.hostNs, parent);
        p.hostDaemon = true;
        p.state = SimProcess.State.SLEEPING;
        p.programName = name;
        p.argv = argv;
        p.rss(24L << 20);
        k.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        k.cgroups.move(p, k.cgroups.root);
        return p;
    }
}

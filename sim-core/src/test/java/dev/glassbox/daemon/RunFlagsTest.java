package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.fails;
import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.Test;

/** The run flags of the course labs: env files, relative binds, volumes-from, a read-only root, capabilities, CPUs, logging. */
class RunFlagsTest {
    @Test
    void envFileIsReadFromTheClientsFilesAsTheCliParsesIt() {
        try (Engine e = Engine.sim()) {
            e.workspace(new MemoryWorkspace().put("app.env", "# settings\n\n  A=1\nB=two words\nC\nD=x=y\n").put("bad.env", "a b=c\n"));
            assertEquals("1|two words|x=y|unset|over\n", ok(e, "docker run --rm --env-file app.env -e E=over busybox sh -c "
                    + "'echo \"$A|$B|$D|${C-unset}|$E\"'").out());
            assertEquals("[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin A=1 B=two words D=x=y]\n",
                    ok(e, "docker create --name envs --env-file app.env busybox && docker inspect -f '{{.Config.Env}}' envs").out()
                            .lines().skip(1).map(l -> l + "\n").findFirst().orElse(""));
            fails(e, "docker run --rm --env-file x.env busybox true", 125, "docker: open x.env: no such file or directory\n\nRun 'docker run --help' for more information\n");
            fails(e, "docker run --rm --env-file bad.env busybox true", 125,
                    "docker: invalid env file (bad.env): variable 'a b' contains whitespaces\n\nRun 'docker run --help' for more information\n");
        }
    }

    @Test
    void relativeBindSourcesAreResolvedAgainstTheWorkingDirectoryAndCreatedWhenMissing() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --rm -v ./site:/site busybox sh -c 'echo hi > /site/index.html'");
            assertEquals("hi\n", ok(e, "docker run --rm -v /home/student/site:/s busybox cat /s/index.html").out());
            ok(e, "docker create --name rel -v ../shared:/data busybox");
            assertEquals("[/home/shared:/data]\n", ok(e, "docker inspect -f '{{.HostConfig.Binds}}' rel").out());
            assertEquals("bind /home/shared /data\n", ok(e, "docker inspect -f '{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}}{{end}}' rel").out());
        }
    }

    @Test
    void volumesFromSharesTheOtherContainersMountsReadOnlyWhenAsked() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name store -v data:/data -v /srv/cfg:/cfg busybox");
            ok(e, "docker run --rm --volumes-from store busybox sh -c 'echo kept > /data/f'");
            assertEquals("kept\n", ok(e, "docker run --rm --volumes-from store:ro busybox cat /data/f").out());
            fails(e, "docker run --rm --volumes-from store:ro busybox touch /data/g", 1, "touch: /data/g: Read-only file system\n");
            ok(e, "docker create --name user --volumes-from store busybox");
            assertEquals("[store] /data:true /cfg:true\n", ok(e, "docker inspect -f '{{.HostConfig.VolumesFrom}}"
                    + "{{range .Mounts}} {{.Destination}}:{{.RW}}{{end}}' user").out());
            fails(e, "docker run --rm --volumes-from nosuch busybox true", 125, "docker: Error response from daemon: No such container: nosuch\n\nRun 'docker run --help' for more information\n");
        }
    }

    @Test
    void readOnlyRootRefusesWritesButVolumesAndTmpfsStayWritable() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            fails(e, "docker run --rm --read-only busybox touch /x", 1, "touch: /x: Read-only file system\n");
            fails(e, "docker run --rm --read-only busybox sh -c 'echo a > /tmp/f'", 1, "sh: can't create /tmp/f: Read-only file system\n");
            ok(e, "docker run --rm --read-only --tmpfs /tmp busybox sh -c 'echo a > /tmp/f'");
            ok(e, "docker run --rm --read-only -v v1:/v busybox touch /v/f");
            ok(e, "docker create --name ro --read-only busybox");
            assertEquals("true\n", ok(e, "docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' ro").out());
        }
    }

    @Test
    void capabilitiesFollowCapAddCapDropAndPrivileged() {
        try (Engine e = Engine.sim()) {
            assertEquals("CapEff:\t00000000a80425fb\n", ok(e, "docker run --rm busybox grep CapEff /proc/self/status").out());
            assertEquals("CapEff:\t00000000a80435fb\n", ok(e, "docker run --rm --cap-add net_admin busybox grep CapEff /proc/self/status").out());
            assertEquals("CapEff:\t0000000000000000\n", ok(e, "docker run --rm --cap-drop ALL busybox grep CapEff /proc/self/status").out());
            assertEquals("CapEff:\t000001ffffffffff\n", ok(e, "docker run --rm --privileged busybox grep CapEff /proc/self/status").out());
            assertEquals("CapEff:\t00000000a80425fa\n", ok(e, "docker run --rm --cap-drop chown busybox grep CapEff /proc/self/status").out());
            ok(e, "docker create --name caps --cap-add net_admin --cap-add SYS_ADMIN --cap-drop chown busybox");
            assertEquals("[CAP_NET_ADMIN CAP_SYS_ADMIN] [CAP_CHOWN] false\n",
                    ok(e, "docker inspect -f '{{.HostConfig.CapAdd}} {{.HostConfig.CapDrop}} {{.HostConfig.Privileged}}' caps").out());
            fails(e, "docker run --rm --cap-add foo busybox true", 125,
                    "docker: Error response from daemon: invalid CapAdd: unknown capability: \"CAP_FOO\"\n\nRun 'docker run --help' for more information\n");
        }
    }

    @Test
    void cpusAndCpusetAreCheckedAgainstTheHostsCpus() {
        try (Engine e = Engine.sim()) {
            fails(e, "docker run --rm --cpus 3 busybox true", 125,
                    "docker: Error response from daemon: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available\n\nRun 'docker run --help' for more information\n");
            fails(e, "docker run --rm --cpuset-cpus 0-7 busybox true", 125,
                    "docker: Error response from daemon: Requested CPUs are not available - requested 0-7, available: 0-1\n\nRun 'docker run --help' for more information\n");
            fails(e, "docker run --rm --cpuset-cpus a busybox true", 125,
                    "docker: Error response from daemon: Invalid value a for cpuset cpus: invalid format: a\n\nRun 'docker run --help' for more information\n");
            ok(e, "docker create --name cpu --cpus 1.5 --cpuset-cpus 1 -c 512 -m 64m busybox");
            assertEquals("1500000000 1 512 67108864 134217728\n", ok(e, "docker inspect -f '{{.HostConfig.NanoCpus}} {{.HostConfig.CpusetCpus}} "
                    + "{{.HostConfig.CpuShares}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}' cpu").out());
            fails(e, "docker run --rm -m 64m --memory-swap 32m busybox true", 125,
                    "docker: Error response from daemon: Minimum memoryswap limit should be larger than memory limit, see usage\n\nRun 'docker run --help' for more information\n");
        }
    }

    @Test
    void logConfigIsShownAndTheNoneDriverKeepsNoLogs() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name plain busybox echo hi");
            assertEquals("{\"Config\":{},\"Type\":\"json-file\"}\n", ok(e, "docker inspect -f '{{json .HostConfig.LogConfig}}' plain").out());
            assertEquals("hi\n", ok(e, "docker run --name quiet --log-driver none busybox echo hi").out(), "an attached run still shows the output");
            fails(e, "docker logs quiet", 1, "Error response from daemon: configured logging driver does not support reading\n");
            ok(e, "docker run --name capped --log-driver local --log-opt max-size=1m busybox echo hi");
            assertEquals("hi\n", ok(e, "docker logs capped").out());
            assertEquals("{\"Config\":{\"max-size\":\"1m\"},\"Type\":\"local\"}\n", ok(e, "docker inspect -f '{{json .HostConfig.LogConfig}}' capped").out());
            fails(e, "docker run --rm --log-driver none --log-opt max-size=1m busybox true", 125, "docker: invalid logging opts for driver none\n\nRun 'docker run --help' for more information\n");
            fails(e, "docker run --rm --log-opt bogus=1 busybox true", 125,
                    "docker: Error response from daemon: unknown log opt 'bogus' for json-file log driver\n\nRun 'docker run --help' for more information\n");
        }
    }

    @Test
    void capabilitiesDecideWhatRootInTheContainerMayDo() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            fails(e, "docker run --rm busybox ip link add dummy0 type dummy", 2, "ip: RTNETLINK answers: Operation not permitted\n");
            assertTrue(ok(e, "docker run --rm --cap-add NET_ADMIN busybox sh -c 'ip link add dummy0 type dummy && ip link show dummy0'").out()
                    .contains(": dummy0: <BROADCAST,MULTICAST> mtu 1500"));
            ok(e, "docker run --rm busybox chown nobody /etc/hostname");
            fails(e, "docker run --rm --cap-drop CHOWN busybox chown nobody /etc/hostname", 1, "chown: /etc/hostname: Operation not permitted\n");
            assertEquals("65534\n", ok(e, "docker run --rm busybox sh -c 'touch /f && chown nobody:nogroup /f && stat -c %u /f'").out());
            fails(e, "docker run --rm --cap-drop NET_RAW busybox ping -c 1 127.0.0.1", 1, "ping: permission denied (are you root?)\n");
            fails(e, "docker run --rm -u nobody busybox ping -c 1 127.0.0.1", 1, "ping: permission denied (are you root?)\n");
            fails(e, "docker run --rm busybox mount -t tmpfs tmpfs /mnt", 1, "mount: permission denied (are you root?)\n");
            assertEquals("tmpfs on /tmp type tmpfs (rw,relatime)\nhi\n", ok(e, "docker run --rm --privileged busybox sh -c "
                    + "'mount -t tmpfs tmpfs /tmp && mount | grep /tmp && echo hi > /tmp/f && cat /tmp/f'").out());
            ok(e, "docker run --rm --cap-add SYS_ADMIN busybox mount -t tmpfs tmpfs /tmp");
            ok(e, "docker run -d --name plain busybox sleep 1000");
            assertEquals("CapEff:\t00000000a80425fb\n", ok(e, "docker exec plain grep CapEff /proc/self/status").out());
            assertEquals("CapEff:\t000001ffffffffff\n", ok(e, "docker exec --privileged plain grep CapEff /proc/self/status").out());
        }
    }
}

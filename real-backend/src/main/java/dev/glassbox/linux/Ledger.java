package dev.glassbox.linux;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.Sandbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Linux kernel made through the SPI and has not taken apart yet: sandboxes, cgroups,
 * overlay mounts and links. The engine's state view starts from it and reads the live facts
 * (processes, counters) from the host; {@code close} takes apart what is left.
 */
final class Ledger {
    record LinkRecord(String name, String kind, String master, String peer, String sandbox, boolean up, List<String> addresses) {}

    final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
    final Map<String, CgroupLimits> cgroups = new LinkedHashMap<>();
    final java.util.Set<String> frozen = new java.util.TreeSet<>();
    /** overlay target → options shown. */
    final Map<String, String> overlays = new LinkedHashMap<>();
    /** Links by name as seen in their namespace: host links by name, container links as SANDBOX/NAME. */
    final Map<String, LinkRecord> links = new LinkedHashMap<>();

    synchronized void link(String key, LinkRecord r) {
        links.put(key, r);
    }

    synchronized LinkRecord link(String key) {
        return links.get(key);
    }

    synchronized void unlink(String key) {
        links.remove(key);
    }

    synchronized List<LinkRecord> links() {
        return new ArrayList<>(links.values());
    }
}

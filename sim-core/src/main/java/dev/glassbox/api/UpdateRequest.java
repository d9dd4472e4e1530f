package dev.glassbox.api;

/**
 * {@code docker update}'s body ({@code POST /containers/{id}/update}): each field 0 (or null, or
 * empty) when not being changed. {@code memorySwap} -1 is unlimited swap; {@code pidsLimit} 0 or -1
 * removes the limit.
 */
public record UpdateRequest(long memory, long memorySwap, long nanoCpus, long cpuShares, Long pidsLimit, RestartPolicy restartPolicy,
                            String cpusetCpus) {
    public UpdateRequest {
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        if (memory < 0 || nanoCpus < 0 || cpuShares < 0 || memorySwap < -1) {
            throw DockerException.invalid("resource limits cannot be negative");
        }
        if (memory > 0 && memory < 6 * 1024 * 1024) {
            throw DockerException.invalid("Minimum memory limit allowed is 6MB");
        }
    }

    /** Whether it changes anything at all. */
    public boolean empty() {
        return memory == 0 && memorySwap == 0 && nanoCpus == 0 && cpuShares == 0 && pidsLimit == null && restartPolicy == null
                && cpusetCpus.isEmpty();
    }
}

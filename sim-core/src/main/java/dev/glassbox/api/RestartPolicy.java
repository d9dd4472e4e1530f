package dev.glassbox.api;

/** {@code --restart no|always|unless-stopped|on-failure[:N]}. */
public record RestartPolicy(String name, int maximumRetryCount) {
    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public RestartPolicy {
        name = name == null || name.isEmpty() ? "no" : name;
        // the daemon's check (moby's ValidateRestartPolicy), in its words
        if (!java.util.Set.of("no", "always", "unless-stopped", "on-failure").contains(name)) {
            throw DockerException.invalid("invalid restart policy: unknown policy '" + name
                    + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }
        if (name.equals("on-failure") && maximumRetryCount < 0) {
            throw DockerException.invalid("invalid restart policy: maximum retry count cannot be negative");
        }
        if (!name.equals("on-failure") && maximumRetryCount != 0) {
            throw DockerException.invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'"
                    + (maximumRetryCount < 0 ? " and cannot be negative" : ""));
        }
    }

    /**
     * {@code NAME[:COUNT]} as the docker CLI reads it; its format errors are the client's own
     * ({@link UsageException}, exit status 125, "docker: …"), the name is checked as the daemon checks it.
     */
    public static RestartPolicy parse(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new RestartPolicy(s, 0);
        }
        if (colon == 0) {
            throw new UsageException("docker: invalid restart policy format: no policy provided before colon", 125);
        }
        String count = s.substring(colon + 1);
        int n = 0;
        if (!count.isEmpty()) {
            try {
                n = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                throw new UsageException("docker: invalid restart policy format: maximum retry count must be an integer", 125);
            }
        }
        return new RestartPolicy(s.substring(0, colon), n);
    }
}

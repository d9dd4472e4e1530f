package dev.glassbox.api;

/** {@code --restart no|always|unless-stopped|on-failure[:N]}. */
public record RestartPolicy(String name, int maximumRetryCount) {
    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public RestartPolicy {
        name = name == null || name.isEmpty() ? "no" : name;
        if (!java.util.Set.of("no", "always", "unless-stopped", "on-failure").contains(name)) {
            throw DockerException.invalid("invalid restart policy '" + name + "'");
        }
        if (maximumRetryCount < 0 || (maximumRetryCount > 0 && !name.equals("on-failure"))) {
            throw DockerException.invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
    }

    public static RestartPolicy parse(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new RestartPolicy(s, 0);
        }
        try {
            return new RestartPolicy(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw DockerException.invalid("invalid restart policy format: maximum retry count must be an integer");
        }
    }
}

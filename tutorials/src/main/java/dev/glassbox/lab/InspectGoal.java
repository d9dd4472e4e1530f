package dev.glassbox.lab;

import dev.glassbox.api.DockerException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One field of {@code docker inspect}: of a {@code container}, an {@code image}, a {@code network} or a
 * {@code volume}, named by a dotted {@code field} path ({@code HostConfig.Memory}); it {@code equals} a
 * value (compared as text) or {@code matches} a regular expression.
 */
public record InspectGoal(String id, String text, String container, String image, String network, String volume, String field,
                          String equals, String matches) implements Goal {
    public InspectGoal {
        int named = (container != null ? 1 : 0) + (image != null ? 1 : 0) + (network != null ? 1 : 0) + (volume != null ? 1 : 0);
        if (named != 1) {
            throw new IllegalArgumentException("an 'inspect' goal names one container, image, network or volume");
        }
        Goal.require(field, "a field (HostConfig.Memory)", "inspect");
        if ((equals == null) == (matches == null)) {
            throw new IllegalArgumentException("an 'inspect' goal needs 'equals' or 'matches', one of them");
        }
        if (matches != null) {
            Pattern.compile(matches);
        }
        id = id != null ? id : "inspect-" + field;
    }

    private String object() {
        return container != null ? container : image != null ? image : network != null ? network : volume;
    }

    private String kind() {
        return container != null ? "container" : image != null ? "image" : network != null ? "network" : "volume";
    }

    @Override
    public String describe() {
        return Goal.or(text, object() + "'s " + field + (equals != null ? " is " + equals : " matches " + matches));
    }

    @Override
    public Verdict check(Probe p) {
        Map<String, Object> doc;
        try {
            doc = container != null ? p.container(container) : image != null ? p.api().inspectImage(image)
                    : network != null ? p.api().inspectNetwork(network) : p.api().inspectVolume(volume);
        } catch (DockerException e) {
            doc = null;
        }
        if (doc == null) {
            return Verdict.unmet("no " + kind() + " is named " + object() + (container != null ? "; " + p.psList() : ""));
        }
        Object v = Probe.field(doc, field);
        String shown = v == null ? "" : String.valueOf(v);
        boolean ok = equals != null ? equals.equals(shown) : Pattern.compile(matches).matcher(shown).find();
        return ok ? Verdict.MET : Verdict.unmet(object() + "'s " + field + " is " + (shown.isEmpty() ? "empty" : shown)
                + (equals != null ? ", not " + equals : ", which does not match " + matches));
    }
}

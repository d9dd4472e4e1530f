package dev.glassbox.kernel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** The one naming rule for user networks' bridges. */
class BridgeNameProperties {
    @Property
    boolean dockersLayoutNamesBridgesAfterTheNetworkId(@ForAll @CharRange(from = 'a', to = 'f') @NumericChars @StringLength(64) String id) {
        return HostLayout.DOCKER.networkBridge(id).equals("br-" + id.substring(0, 12));
    }

    @Property
    boolean otherLayoutsKeepTheirPrefixWithinLinuxsFifteenCharacters(
            @ForAll @AlphaChars @StringLength(min = 1, max = 10) String prefix,
            @ForAll @CharRange(from = 'a', to = 'f') @NumericChars @StringLength(64) String id) {
        HostLayout layout = new HostLayout("/srv/glassbox", "glassbox", prefix + "0", "10.88.0.0/16", "10.88.0.1");
        String name = layout.networkBridge(id);
        return name.length() <= 15 && name.startsWith(prefix + "-") && id.startsWith(name.substring(prefix.length() + 1));
    }
}

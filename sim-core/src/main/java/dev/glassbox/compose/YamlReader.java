package dev.glassbox.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The compose file's YAML as a tree, read by the SnakeYAML parser Jackson's YAML module is built on,
 * because Jackson's tree reader leaves anchors, aliases ({@code *common}) and merge keys ({@code <<:})
 * unresolved and compose files use them. Scalars resolve as go-yaml v3 resolves them (YAML 1.2's
 * {@code true}/{@code false} only: {@code yes} stays a string); duplicate keys and alias bombs are refused.
 */
final class YamlReader {
    private static final int MAX_ALIASES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private YamlReader() {}

    /** Null for an empty document. */
    static JsonNode read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                new CoreResolver());
        Object doc;
        try {
            doc = yaml.load(text);
        } catch (MarkedYAMLException e) {
            throw new ComposeException(YamlErrors.describe(e));
        } catch (YAMLException e) {
            throw new ComposeException("yaml: " + e.getMessage());
        }
        return doc == null ? null : JSON.valueToTree(doc);
    }

    /** YAML 1.2's core schema as go-yaml v3 applies it, with YAML 1.1's merge key. */
    private static final class CoreResolver extends Resolver {
        private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}

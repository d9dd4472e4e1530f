package dev.glassbox.client;

import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The docker CLI's {@code --format} handling for list commands: {@code table TEMPLATE} goes through
 * the tabwriter with a header row (the template run over the column titles), {@code json} prints one
 * object per line, anything else is a template run once per row.
 */
final class Formatter {
    private Formatter() {}

    static String render(String format, String defaultTable, Map<String, String> headers, List<Map<String, Object>> rows) {
        String f = format == null || format.isEmpty() || format.equals("table") ? defaultTable : format;
        f = f.strip().replace("\\t", "\t").replace("\\n", "\n");
        if (f.equals("json")) {
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> r : rows) {
                b.append(GoJson.compact(r)).append('\n');
            }
            return b.toString();
        }
        boolean table = f.startsWith("table");
        if (table) {
            f = f.substring(5).strip();
        }
        Template t;
        try {
            t = Template.parse(f);
        } catch (Template.TemplateException e) {
            throw new UsageException("failed to parse template: " + e.getMessage(), 1);
        }
        StringBuilder text = new StringBuilder();
        if (table) {
            text.append(run(t, headers)).append('\n');
        }
        for (Map<String, Object> r : rows) {
            text.append(run(t, r)).append('\n');
        }
        return table ? tabulate(text.toString()) : text.toString();
    }

    private static String run(Template t, Object data) {
        try {
            return t.execute(data);
        } catch (Template.TemplateException e) {
            throw new UsageException(e.getMessage(), 1);
        }
    }

    static String tabulate(String text) {
        Table table = Table.docker();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (String line : lines) {
            table.row(Arrays.asList(line.split("\t", -1)));
        }
        return table.toString();
    }
}

package dev.glassbox.engineapi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the Engine API: a method and a path template ({@code /containers/{id}/json};
 * {@code {name*}} takes slashes too, as image names have them), and what answers it.
 */
record Route(String method, String template, Pattern pattern, List<String> names, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws IOException;
    }

    Route {
        names = List.copyOf(names);
    }

    static Route of(String method, String template, Handler handler) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-z]+)(\\*?)}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(method, template, Pattern.compile(regex.toString()), names, handler);
    }

    /** The path's parameters when this route takes the request, else null. */
    java.util.Map<String, String> match(String method, String path) {
        boolean methodOk = this.method.equals(method) || (this.method.equals("GET") && method.equals("HEAD") && template.equals("/_ping"));
        if (!methodOk) {
            return null;
        }
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), m.group(i + 1));
        }
        return params;
    }
}

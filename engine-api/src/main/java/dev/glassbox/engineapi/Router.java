package dev.glassbox.engineapi;

import java.util.List;
import java.util.Map;

/** The routes in order; the first that takes a request answers it. */
final class Router {
    record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    Match find(String method, String path) {
        for (Route r : routes) {
            Map<String, String> p = r.match(method, path);
            if (p != null) {
                return new Match(r, p);
            }
        }
        return null;
    }
}

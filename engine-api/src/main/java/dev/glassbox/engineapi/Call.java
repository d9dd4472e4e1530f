package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** A request being answered: the request, its answer, its path parameters and the engine's loop. */
final class Call {
    final Request request;
    final Exchange exchange;
    final EngineLoop loop;
    private final Map<String, String> params;

    Call(Request request, Exchange exchange, EngineLoop loop, Map<String, String> params) {
        this.request = request;
        this.exchange = exchange;
        this.loop = loop;
        this.params = Map.copyOf(params);
    }

    String path(String name) {
        return params.get(name);
    }

    /** The request's work on the engine's thread, as one trace whose root is the request line as sent. */
    <T> T api(Function<Api, T> work) {
        try {
            return loop.call(e -> e.serve(request.line(), work));
        } finally {
            loop.done(request.line());
        }
    }

    void apiRun(Consumer<Api> work) {
        api(a -> {
            work.accept(a);
            return null;
        });
    }

    /** Work on the engine's thread with no trace of its own: a stream's polling. */
    <T> T quietly(Function<Api, T> work) {
        return loop.call(e -> work.apply(e.api()));
    }

    /** An integer query parameter; a malformed one is Docker's 400. */
    Integer intParam(String name) {
        String v = request.param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw DockerException.invalid("invalid value for " + name + ": " + v);
        }
    }
}

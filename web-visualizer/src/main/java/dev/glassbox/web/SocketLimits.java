package dev.glassbox.web;

import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event stream only speaks to the page: what a page sends on it is bounded in rate here, and the
 * socket closed with one line saying so (a close reason holds 123 bytes). Its size is bounded by Jetty
 * before a message is gathered ({@code setMaxTextMessageSize} in Visualizer), which closes with 1009 and
 * its own line, "Text message too large: (actual) 5,000 > (configured max text message size) 4,096".
 */
final class SocketLimits {
    private final ClientLimits limits;
    private final Map<String, RateLimit> rates = new ConcurrentHashMap<>();

    SocketLimits(ClientLimits limits) {
        this.limits = limits;
    }

    void install(WsConfig ws) {
        ws.onMessage(this::received);
        ws.onBinaryMessage(this::received);
    }

    void forget(WsContext ctx) {
        rates.remove(ctx.sessionId());
    }

    private void received(WsContext ctx) {
        RateLimit rate = rates.computeIfAbsent(ctx.sessionId(),
                k -> new RateLimit(limits.socketMessagesPerSecond(), limits.socketBurst(), System::nanoTime));
        if (!rate.tryTake()) {
            ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "Too many messages: at most "
                    + fmt(limits.socketMessagesPerSecond()) + " a second on this socket.");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}

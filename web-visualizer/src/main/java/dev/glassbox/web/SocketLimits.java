package dev.glassbox.web;

import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event stream only speaks to the page: what a page sends on it is bounded in size and rate, and
 * the socket is closed with one line saying which bound was passed (a close reason holds 123 bytes).
 */
final class SocketLimits {
    private final ClientLimits limits;
    private final Map<String, RateLimit> rates = new ConcurrentHashMap<>();

    SocketLimits(ClientLimits limits) {
        this.limits = limits;
    }

    void install(WsConfig ws) {
        ws.onMessage(ctx -> received(ctx, ctx.message().getBytes(StandardCharsets.UTF_8).length));
        ws.onBinaryMessage(ctx -> received(ctx, ctx.length()));
    }

    void forget(WsContext ctx) {
        rates.remove(ctx.sessionId());
    }

    private void received(WsContext ctx, int bytes) {
        if (bytes > limits.socketMessageBytes()) {
            ctx.closeSession(WsCloseStatus.MESSAGE_TOO_BIG, "A message here holds at most " + limits.socketMessageBytes() + " bytes.");
            return;
        }
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

package dev.glassbox.web;

/**
 * What one client (a browser, a script) may ask of the server, whatever session it drives: how many
 * bytes a request body holds (a file upload excepted: {@link SessionFiles#MAX_FILE_BYTES}), how large
 * and how frequent the messages it sends on a WebSocket are, and how many connections one address holds
 * open at once.
 */
public record ClientLimits(int requestBytes, int socketMessageBytes, double socketMessagesPerSecond, int socketBurst,
        int connectionsPerAddress) {

    public ClientLimits {
        if (requestBytes < 1 || socketMessageBytes < 1 || socketMessagesPerSecond <= 0 || socketBurst < 1 || connectionsPerAddress < 1) {
            throw new IllegalArgumentException("client limits must be positive: " + requestBytes + ", " + socketMessageBytes + ", "
                    + socketMessagesPerSecond + ", " + socketBurst + ", " + connectionsPerAddress);
        }
    }

    /**
     * 64 KiB bodies, 4 KiB WebSocket messages at 10 a second (bursts of 20), 256 connections per address
     * (a school's students may all come through one proxy's address).
     */
    public static ClientLimits defaults() {
        return new ClientLimits(64 * 1024, 4096, 10, 20, 256);
    }

    public ClientLimits withConnections(int n) {
        return new ClientLimits(requestBytes, socketMessageBytes, socketMessagesPerSecond, socketBurst, n);
    }

    public ClientLimits withSocketRate(double perSecond, int burst) {
        return new ClientLimits(requestBytes, socketMessageBytes, perSecond, burst, connectionsPerAddress);
    }
}

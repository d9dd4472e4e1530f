package dev.glassbox.client;

import dev.glassbox.api.Api;

/**
 * How a client joins a process's streams: whether its input goes in, whether there is a terminal,
 * the detach keys as Docker spells them (empty: ctrl-p,ctrl-q), whether Ctrl-C is passed on to the
 * container (the CLI's signal proxy).
 */
record Link(boolean stdin, boolean tty, String detachKeys, boolean sigProxy) {
    Link {
        detachKeys = detachKeys == null ? "" : detachKeys;
    }

    Api.AttachOptions options() {
        return new Api.AttachOptions(stdin, true, true, false, detachKeys);
    }
}

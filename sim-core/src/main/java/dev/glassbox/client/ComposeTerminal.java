package dev.glassbox.client;

import dev.glassbox.compose.Terminal;

/**
 * The REPL's console lent to a compose command that follows its containers: what it prints shows as it
 * comes, engine time passes between looks, Ctrl-C ends the follow.
 */
final class ComposeTerminal implements Terminal {
    private final Session s;

    ComposeTerminal(Session s) {
        this.s = s;
    }

    @Override
    public void open() {
        s.showOnConsole();
        s.console.open(false);
    }

    @Override
    public boolean tick() {
        s.showOnConsole();
        s.console.read(Interaction.TICK_MILLIS); // keys are not the containers': compose up does not pass stdin on
        if (s.console.interrupted()) {
            return true;
        }
        s.pump.advance();
        return false;
    }

    @Override
    public void close() {
        s.showOnConsole();
        s.console.close();
    }
}

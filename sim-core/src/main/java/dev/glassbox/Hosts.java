package dev.glassbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The hosts of a world, as the engines on them see it: which one the user's commands go to, the one
 * {@code docker -H NAME} names, the {@code node} commands, and the state of all of them. An engine
 * without hosts is alone, as glassbox was before worlds.
 */
public interface Hosts {
    /** Every engine of the world, the first host first. */
    List<Engine> all();

    /** The engine the user's commands run on ({@code node use NAME}). */
    Engine current();

    /** The engine of the host with this name. */
    Optional<Engine> named(String name);

    /** The tag of this engine's events on the shared trace: its host's name, or "" while it is alone. */
    String tag(Engine engine);

    /** {@code node add|ls|use|rm …}: {@code args} after the word {@code node}. */
    Result node(List<String> args);

    /** {@code docker swarm|node|service …} ({@code args} after the word {@code docker}) on the host of engine {@code on}. */
    Result swarm(Engine on, List<String> args);

    /** The state of the whole world, as {@link Engine#state()} gives it. */
    JsonNode state();

    /** The world's state as the places a trace keeps ({@link Engine#stateSlots}), every host's parts among them. */
    List<dev.glassbox.trace.StateModel.Slot> stateSlots();

    /** The engine the front ends hold (the first host's) is closing: the others go with it. */
    void closing(Engine engine);
}

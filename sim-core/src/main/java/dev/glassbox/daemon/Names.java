package dev.glassbox.daemon;

import java.util.List;
import java.util.function.IntUnaryOperator;

/** Generated container names, adjective_scientist as Docker makes them (our own short lists). */
final class Names {
    private static final List<String> LEFT = List.of("admiring", "brave", "clever", "dazzling", "eager", "festive", "gifted",
            "happy", "jolly", "keen", "lucid", "modest", "nifty", "optimistic", "peaceful", "quirky", "relaxed", "serene",
            "tender", "upbeat", "vibrant", "wizardly", "youthful", "zealous");
    private static final List<String> RIGHT = List.of("babbage", "curie", "dijkstra", "einstein", "feynman", "goldberg",
            "hopper", "johnson", "knuth", "lamport", "lovelace", "mccarthy", "noether", "perlman", "ritchie", "shannon",
            "thompson", "torvalds", "turing", "wozniak");

    private Names() {}

    static String generate(IntUnaryOperator random) {
        return LEFT.get(random.applyAsInt(LEFT.size())) + "_" + RIGHT.get(random.applyAsInt(RIGHT.size()));
    }
}

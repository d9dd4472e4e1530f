package dev.glassbox;

/**
 * Live progress of a long step, for front ends that draw bars (a pull's layers). {@code id} is the
 * 12-digit layer id, {@code status} Docker's word for the phase ("Downloading", "Pull complete").
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (id, status, current, total) -> {};

    void update(String id, String status, long current, long total);
}

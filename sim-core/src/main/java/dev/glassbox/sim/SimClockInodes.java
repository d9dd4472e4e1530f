package dev.glassbox.sim;

/** Inode numbers and file times for the sim kernel's filesystems. */
interface SimClockInodes {
    long nextIno();

    long now();
}

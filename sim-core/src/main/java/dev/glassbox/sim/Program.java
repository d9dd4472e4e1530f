package dev.glassbox.sim;

/**
 * A program the sim kernel can execute: the code behind a simulated binary. It talks to the kernel only
 * through {@link Sys}, as a real program talks through system calls, so what it prints is whatever
 * the simulated state is. It returns its exit status (or calls {@link Sys#exit}).
 */
@FunctionalInterface
public interface Program {
    int main(Sys sys);
}

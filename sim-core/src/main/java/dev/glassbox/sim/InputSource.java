package dev.glassbox.sim;

/** What a process's standard input reads from when it is no fixed text: a terminal's or an open stdin's queue, or a pipe. */
interface InputSource {
    /**
     * read(2) of at most {@code max} bytes, blocking {@code p} until some arrive or the end of file;
     * {@code toNewline}: stop after the first newline, as a shell reads. Empty at end of file.
     */
    byte[] read(SimProcess p, int max, boolean toNewline);
}

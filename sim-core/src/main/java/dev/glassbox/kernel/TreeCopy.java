package dev.glassbox.kernel;

/** The action name both kernels record for {@link HostFs#copyTree} (see {@link MountEvents#copyTree}). */
public final class TreeCopy {
    private TreeCopy() {}

    public static final String ACTION = "copy tree";
}

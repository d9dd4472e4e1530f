package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.util.List;
import java.util.SortedMap;

/**
 * sysfs: the kernel's objects as directories. The kernel makes and removes its entries; a process,
 * even root on a writable mount ({@code --privileged}), cannot create a file or directory there
 * (EACCES) or remove one (EPERM).
 */
final class SysFs implements Fs {
    private final TreeFs tree;

    SysFs(SimClockInodes ids, List<String> dirs) {
        tree = new TreeFs("sysfs", ids);
        for (String d : dirs) {
            tree.mkdirs(MountTable.split(d));
        }
    }

    @Override
    public String type() {
        return "sysfs";
    }

    @Override
    public Node lookup(List<String> rel) {
        return tree.lookup(rel);
    }

    @Override
    public SortedMap<String, Node> list(List<String> rel) {
        return tree.list(rel);
    }

    @Override
    public Node.Dir mkdir(List<String> rel, int mode) {
        throw SysError.eacces();
    }

    @Override
    public Node.File write(List<String> rel, byte[] data, boolean append, int mode) {
        throw SysError.eacces();
    }

    @Override
    public void symlink(List<String> rel, String target) {
        throw SysError.eacces();
    }

    @Override
    public void remove(List<String> rel) {
        throw SysError.eperm();
    }

    @Override
    public void chmod(List<String> rel, int mode) {
        tree.chmod(rel, mode);
    }
}

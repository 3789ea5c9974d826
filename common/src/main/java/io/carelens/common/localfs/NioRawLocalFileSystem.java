package io.carelens.common.localfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system with its two per-file shell calls done in Java. Without Hadoop's native library (a
 * laptop, CI, a Spark download), {@link RawLocalFileSystem} runs a {@code chmod} process for every file and folder it
 * creates and a {@code readlink} process for each side of every rename: about ten processes per Delta commit and one
 * per Parquet file, each about 10 ms of wall time and 17 ms of CPU on a 2-core machine. Here the permission is set with
 * {@link Files#setPosixFilePermissions} and a path that is not a symbolic link gets its plain status; a sticky bit,
 * a file system without POSIX permissions (Windows) and symbolic links go the original way.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        if (permission.getStickyBit()) {
            super.setPermission(p, permission);
            return;
        }
        String rwx = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                + permission.getOtherAction().SYMBOL;
        try {
            Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(rwx));
        } catch (UnsupportedOperationException notPosix) {
            super.setPermission(p, permission);
        }
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (Files.isSymbolicLink(pathToFile(f).toPath())) {
            return super.getFileLinkStatus(f);
        }
        return getFileStatus(f);
    }
}

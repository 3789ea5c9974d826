package io.carelens.common.localfs;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The checksummed local {@code FileSystem} ({@code fs.file.impl}) over {@link NioRawLocalFileSystem}: what Spark and
 * Parquet write through.
 */
public class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }
}

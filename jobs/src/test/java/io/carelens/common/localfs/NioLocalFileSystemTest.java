package io.carelens.common.localfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.testing.SharedSpark;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;

/**
 * The local file system without per-file processes behaves as Hadoop's own: permissions set, statuses of files,
 * folders, symbolic links and missing paths, and the rename without overwrite that Delta's commits rely on; and the
 * local Spark session uses it for {@code file:} paths.
 */
class NioLocalFileSystemTest {
    private static final Configuration CONF = new Configuration(false);

    @Test
    void permissionsAreTheOnesHadoopsShellWouldSet() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("carelens-localfs-");
        FileSystem nio = raw(new NioRawLocalFileSystem());
        FileSystem hadoop = raw(new RawLocalFileSystem());
        for (short mode : new short[] {0640, 0755, 0700, 0444}) {
            java.nio.file.Path a = Files.createFile(dir.resolve("nio-" + mode));
            java.nio.file.Path b = Files.createFile(dir.resolve("hadoop-" + mode));
            nio.setPermission(new Path(a.toUri()), new FsPermission(mode));
            hadoop.setPermission(new Path(b.toUri()), new FsPermission(mode));
            assertEquals(Files.getPosixFilePermissions(b), Files.getPosixFilePermissions(a), "mode " + mode);
        }
        assertTrue(nio.mkdirs(new Path(dir.resolve("made").toUri()), new FsPermission((short) 0750)));
        assertEquals(PosixFilePermissions.fromString("rwxr-x---"),
                Files.getPosixFilePermissions(dir.resolve("made")));
    }

    @Test
    void linkStatusesAreHadoopsForFilesFoldersLinksAndMissingPaths() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("carelens-localfs-");
        java.nio.file.Path file = Files.writeString(dir.resolve("part.parquet"), "twelve bytes");
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        FileSystem nio = raw(new NioRawLocalFileSystem());
        FileSystem hadoop = raw(new RawLocalFileSystem());
        for (java.nio.file.Path p : new java.nio.file.Path[] {file, dir, link}) {
            FileStatus expected = hadoop.getFileLinkStatus(new Path(p.toUri()));
            FileStatus actual = nio.getFileLinkStatus(new Path(p.toUri()));
            assertEquals(expected.getPath(), actual.getPath(), p.toString());
            assertEquals(expected.getLen(), actual.getLen(), p.toString());
            assertEquals(expected.isDirectory(), actual.isDirectory(), p.toString());
            assertEquals(expected.isSymlink(), actual.isSymlink(), p.toString());
        }
        Path missing = new Path(dir.resolve("missing").toUri());
        assertThrows(FileNotFoundException.class, () -> hadoop.getFileLinkStatus(missing));
        assertThrows(FileNotFoundException.class, () -> nio.getFileLinkStatus(missing));
    }

    /** A Delta commit is a temporary file renamed without overwrite: a second writer of the version fails. */
    @Test
    void aRenameWithoutOverwriteRefusesAnExistingTarget() throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());
        FileContext fc = FileContext.getFileContext(URI.create("file:///"), conf);
        assertInstanceOf(NioLocalFs.class, fc.getDefaultFileSystem());
        java.nio.file.Path dir = Files.createTempDirectory("carelens-localfs-");
        Path commit = new Path(dir.resolve("00000000000000000001.json").toUri());
        for (String writer : new String[] {"first", "second"}) {
            Path temp = new Path(dir.resolve("." + writer + ".tmp").toUri());
            try (var out = fc.create(temp, EnumSet.of(CreateFlag.CREATE))) {
                out.writeUTF(writer);
            }
            if (writer.equals("first")) {
                fc.rename(temp, commit, Options.Rename.NONE);
            } else {
                assertThrows(FileAlreadyExistsException.class, () -> fc.rename(temp, commit, Options.Rename.NONE));
            }
        }
        try (var in = fc.open(commit)) {
            assertEquals("first", in.readUTF());
        }
    }

    @Test
    void theLocalSparkSessionWritesFilesThroughIt() throws Exception {
        Configuration hadoopConf = SharedSpark.spark().sparkContext().hadoopConfiguration();
        assertInstanceOf(NioLocalFileSystem.class, FileSystem.newInstance(URI.create("file:///"), hadoopConf));
        assertInstanceOf(NioLocalFs.class, FileContext.getFileContext(URI.create("file:///"), hadoopConf)
                .getDefaultFileSystem());
    }

    private static FileSystem raw(RawLocalFileSystem fs) throws Exception {
        fs.initialize(URI.create("file:///"), CONF);
        return fs;
    }
}

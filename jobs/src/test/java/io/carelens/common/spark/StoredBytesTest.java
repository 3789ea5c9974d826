package io.carelens.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoredBytes} sums the files under a folder, nested ones included, and a missing path holds nothing. */
class StoredBytesTest {
    @Test
    void theFilesUnderAFolderAreSummedAndAMissingPathIsEmpty(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("patient.csv"), "person_id\n1\n");
        Files.createDirectories(dir.resolve("nested"));
        Files.write(dir.resolve("nested/encounter.csv"), new byte[1000]);
        assertEquals(1012, StoredBytes.under(SharedSpark.spark(), dir.toString()));
        assertEquals(1000, StoredBytes.under(SharedSpark.spark(), dir.resolve("nested/encounter.csv").toString()));
        assertEquals(0, StoredBytes.under(SharedSpark.spark(), dir.resolve("absent").toString()));
    }
}

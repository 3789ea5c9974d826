package io.carelens.common.privacy;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.unhex;

import io.carelens.common.config.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Replaces identifiers by a keyed hash, HMAC-SHA256(key, id) in lower-case hex, so outputs can be joined across
 * runs without carrying the source's identifiers, and nobody without the key can re-identify or brute-force them.
 * Built from Spark's own sha2/concat/unhex (RFC 2104), so it runs as a built-in expression, not a UDF.
 */
public final class Pseudonymizer {
    private static final int BLOCK = 64;
    private final byte[] innerPad;
    private final byte[] outerPad;

    public Pseudonymizer(String key) {
        if (key == null || key.length() < 16) {
            throw new ConfigurationException("carelens.privacy.key must be set (at least 16 characters) when "
                    + "pseudonymization is on; set it from the environment variable CARELENS_PSEUDONYM_KEY");
        }
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length > BLOCK) {
            k = sha256(k);
        }
        innerPad = new byte[BLOCK];
        outerPad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /** The keyed hash of {@code id} (null stays null). */
    public Column pseudonym(Column id) {
        Column inner = sha2(concat(lit(innerPad), id.cast(DataTypes.StringType).cast(DataTypes.BinaryType)), 256);
        return sha2(concat(lit(outerPad), unhex(inner)), 256);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.carelens.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.carelens.common.stats.ConfidenceLevel;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The effective CareLens configuration: a user's HOCON file layered over {@code reference.conf}, resolved,
 * with a stable hash that the run manifest records so every output can be traced to its settings.
 */
public final class CareLensConfig {
    private final Config config;

    private CareLensConfig(Config config) {
        this.config = config;
    }

    /** The defaults alone ({@code reference.conf}, system properties). */
    public static CareLensConfig defaults() {
        ConfigFactory.invalidateCaches();
        return new CareLensConfig(ConfigFactory.load().getConfig("carelens"));
    }

    /** A user file over the defaults; {@code overrides} (dotted keys under carelens) win over both. */
    public static CareLensConfig load(Path userFile, Map<String, ?> overrides) {
        ConfigFactory.invalidateCaches();
        Config base = ConfigFactory.load();
        Config layered = base;
        if (userFile != null) {
            File f = userFile.toFile();
            if (!f.isFile()) {
                throw new ConfigurationException("configuration file not found: " + userFile);
            }
            layered = ConfigFactory.parseFile(f).withFallback(base);
        }
        if (overrides != null && !overrides.isEmpty()) {
            layered = ConfigFactory.parseMap(overrides).atPath("carelens").withFallback(layered);
        }
        try {
            return new CareLensConfig(layered.resolve().getConfig("carelens"));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigurationException("invalid configuration: " + e.getMessage());
        }
    }

    /**
     * {@code carelens.privacy.small-cell-threshold}: no published count from 1 to this (nor one that reveals such a
     * count); the one key every stage's suppression reads. 0 publishes every count.
     */
    public int smallCellThreshold() {
        int threshold = config.getInt("privacy.small-cell-threshold");
        if (threshold < 0) {
            throw new ConfigurationException("carelens.privacy.small-cell-threshold must not be negative");
        }
        return threshold;
    }

    /**
     * {@code carelens.confidence}: the two-sided level of every published interval, as a fraction (given as 0.95 or
     * 95); the one key every stage reads.
     */
    public double confidence() {
        try {
            return ConfidenceLevel.of(config.getDouble("confidence")).fraction();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("carelens.confidence: " + e.getMessage());
        }
    }

    /** The {@code carelens} block as a Typesafe Config, for stages that read their own section. */
    public Config raw() {
        return config;
    }

    public Config section(String path) {
        return config.hasPath(path) ? config.getConfig(path) : ConfigFactory.empty();
    }

    public String warehouse() {
        return config.getString("warehouse");
    }

    /** SHA-256 of the effective configuration (secrets excluded), rendered as canonical JSON. */
    public String hash() {
        String rendered = config.withoutPath("privacy.key").root()
                .render(ConfigRenderOptions.concise().setJson(true));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(rendered.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The effective configuration as readable HOCON (secrets excluded), for the run manifest and the report. */
    public String render() {
        return config.withoutPath("privacy.key").root()
                .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }
}

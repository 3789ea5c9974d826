package io.carelens.jobs.ingest;

import io.carelens.common.config.ConfigurationException;

/** A source that cannot be read at all (missing folder, missing required column): a user error. */
public class IngestException extends ConfigurationException {
    public IngestException(String message) {
        super(message);
    }
}

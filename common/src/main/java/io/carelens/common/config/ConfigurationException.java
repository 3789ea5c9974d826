package io.carelens.common.config;

/** A user error in configuration or arguments: reported as a one-line message, without a stack trace. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}

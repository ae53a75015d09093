package io.gaia.bff.config;

/**
 * The level names Quarkus's log level takes (JBoss LogManager's, then java.util.logging's), so that
 * LOG_LEVEL is refused for exactly the words Quarkus would refuse, and the refusal lists them.
 */
public enum LogLevel {
    OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL,
    SEVERE, WARNING, CONFIG, FINE, FINER, FINEST
}

package io.gaia.bff.gaia;

/**
 * One server-sent event from Gaia. {@code name} is null for the default "message" type; {@code id} is
 * null when Gaia sent none.
 */
public record GaiaEvent(String name, String data, String id) {
}

package io.gaia.bff.simulator.api;

/** Gaia's usual error body. */
public record GaiaError(String message, String errorCode) {
}

package io.gaia.bff.admin;

/** How many sessions an operator's revocation ended. */
public record Revoked(int revoked) {
}

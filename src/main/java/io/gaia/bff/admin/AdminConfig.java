package io.gaia.bff.admin;

import java.util.Optional;

import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;

/**
 * The operator endpoint (/admin/sessions). It exists only when ADMIN_TOKEN is set, so a deployment
 * that never asked for it has no extra door to guard.
 */
@ConfigMapping(prefix = "admin")
public interface AdminConfig {

    /**
     * The bearer token operators send (ADMIN_TOKEN). Unset or empty turns the endpoint off. A short
     * token could be guessed by anyone who can reach the port, hence the minimum length.
     */
    Optional<@Size(min = 16, message = "(ADMIN_TOKEN) must be at least 16 characters; generate one with openssl rand -hex 32") String> token();
}

package io.gaia.bff.admin;

import java.util.Optional;

import io.gaia.bff.config.CheckedSettings;
import io.gaia.bff.config.HeaderSetting;
import io.gaia.bff.config.SettingProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The operator endpoint (/admin/sessions). It exists only when ADMIN_TOKEN is set, so a deployment
 * that never asked for it has no extra door to guard.
 */
@ConfigMapping(prefix = "admin")
public interface AdminConfig extends CheckedSettings {

    /** ADMIN_TOKEN as written; {@link #token()} is what operators must send. */
    @WithName("token")
    Optional<String> tokenSetting();

    /**
     * The bearer token operators send (ADMIN_TOKEN). Unset or blank turns the endpoint off. A short
     * token could be guessed by anyone who can reach the port, hence the minimum length.
     */
    default Optional<String> token() {
        return HeaderSetting.of(tokenSetting());
    }

    @Override
    default void check(SettingProblems problems) {
        problems.require(token().map(token -> token.length() >= 16).orElse(true), "token",
                "(ADMIN_TOKEN) must be at least 16 characters; generate one with openssl rand -hex 32");
        problems.headerValue("token", "ADMIN_TOKEN", token());
    }
}

package io.gaia.bff.config;

import java.util.Locale;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * true or false, and nothing else. The standard converter reads every word it does not know as false,
 * so GAIA_VERIFY_SSL=ture would have turned certificate checks off; here a typo stops the start.
 */
public class StrictBoolean implements Converter<Boolean> {

    @Override
    public Boolean convert(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }
}

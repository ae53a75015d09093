package io.gaia.bff.abuse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks routes that ask Gaia a question: each request counts against the session's
 * RATE_LIMIT_ASKS_PER_MINUTE. The route must also be {@code @SessionRequired}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CountsAsAsk {
}

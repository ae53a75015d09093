package io.gaia.bff.problem;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The fields of a client's body that no route reads: kept so that a 400 for the fields the body lacks
 * can name them, as they are most often those fields under another name (dataset_names, spelt like
 * the answer's query_uid, or question for queryString). A body whose own fields are all valid is
 * served as before, its other fields ignored.
 * <p>
 * Only names that look like a field name are kept (camelCase or snake_case: letters and _, up to 24
 * characters); any other is counted, not quoted, as it might be a key pasted in the wrong place (keys
 * hold digits or dashes: the simulator's gaia-demo-key would have been quoted under a looser rule). Held
 * in the request's properties, so nothing is kept for a request that sends only known fields; a
 * reader given a {@link Seen} as its attribute (the WebSocket's asks) gets them there instead. Nothing
 * is kept otherwise (Gaia's answers are read as trees and have no unknown fields).
 */
@Singleton
public class UnreadFields extends DeserializationProblemHandler implements ObjectMapperCustomizer {

    private static final String PROPERTY = UnreadFields.class.getName();
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z_]{0,23}");
    /** Enough to show what went wrong; a body of ten thousand stray fields is not listed in full. */
    private static final int MOST_NAMED = 5;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addHandler(this);
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) {
        Seen seen = (Seen) context.getAttribute(Seen.class);
        ResteasyReactiveRequestContext request = seen == null ? CurrentRequestManager.get() : null;
        if (request != null) {
            seen = (Seen) request.getProperty(PROPERTY);
            if (seen == null) {
                seen = new Seen();
                request.setProperty(PROPERTY, seen);
            }
        }
        if (seen != null) {
            seen.add(propertyName);
        }
        // Not handled here: Jackson skips the value, as FAIL_ON_UNKNOWN_PROPERTIES is off.
        return false;
    }

    /** "; this route does not read dataset_names, query_string", or nothing when the request's body had no such field. */
    static String noteFor(ResteasyReactiveRequestContext request) {
        Seen seen = request == null ? null : (Seen) request.getProperty(PROPERTY);
        return seen == null ? "" : seen.note("route");
    }

    /** The unread fields of one body, for a reader to collect with {@code withAttribute(Seen.class, seen)}. */
    public static final class Seen {

        private final Set<String> named = new TreeSet<>();
        private int count;

        /** "; this message does not read key and 1 other field" for a reader called "message", or nothing. */
        public String note(String reader) {
            if (count == 0) {
                return "";
            }
            int unnamed = count - named.size();
            return "; this " + reader + " does not read " + String.join(", ", named) + (unnamed == 0 ? ""
                    : (named.isEmpty() ? "" : " and ") + unnamed + (unnamed == 1 ? " other field" : " other fields"));
        }

        void add(String name) {
            if (named.contains(name)) {
                return;
            }
            count++;
            if (named.size() < MOST_NAMED && FIELD_NAME.matcher(name).matches()) {
                named.add(name);
            }
        }
    }
}

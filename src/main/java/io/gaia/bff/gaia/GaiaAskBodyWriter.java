package io.gaia.bff.gaia;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Writes an ask's body for {@link GaiaClient#ask} with the application's ObjectMapper, so Gaia
 * gets the same JSON as the stream's body ({@link GaiaStreamClient}). Quarkus's own Jackson writer
 * would write the same bytes, but before each call it looks for a {@code @JsonView} on the method's
 * parameters, and the JDK parses parameter annotations anew on every read: 3.8 % of an ask's CPU
 * (bench/RESULTS.md, "The ask's body writer").
 */
@Produces(MediaType.APPLICATION_JSON)
public class GaiaAskBodyWriter implements MessageBodyWriter<GaiaAskRequest> {

    private final ObjectWriter json;

    public GaiaAskBodyWriter(ObjectMapper json) {
        this.json = json.writerFor(GaiaAskRequest.class);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == GaiaAskRequest.class;
    }

    @Override
    public void writeTo(GaiaAskRequest request, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body) throws IOException {
        json.writeValue(body, request);
    }
}

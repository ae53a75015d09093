package io.gaia.bff.problem;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A text field takes only a JSON string. Jackson would otherwise read 42 or true as "42" and "true",
 * so a client's type mistake ({"queryString": 42}, {"datasetNames": [1]}) reached Gaia as a question
 * or a dataset name instead of being answered with a 400 that names the field. Gaia's own answers
 * are read as trees, never into typed fields, so this holds only the service's clients to the schema.
 * <p>
 * And a body is one JSON value: Jackson would otherwise read the first and ignore whatever follows
 * ({"api_key": "..."} xyz, or two objects back to back), so a client's broken serialisation was
 * served as if it were sound. This one holds for Gaia's answers too, which the REST client reads with
 * the same mapper: an answer with more after its JSON is unreadable (GAIA_BAD_RESPONSE), not half
 * served.
 */
@Singleton
public class StrictJsonTypes implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}

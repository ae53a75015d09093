package io.gaia.bff.gaia;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of Gaia's /ask and /ask/stream. Absent optional fields are left out, as Gaia expects. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GaiaAskRequest(List<String> datasetNames, String queryString, String conversationId, String llmName,
        String llmId) {
}

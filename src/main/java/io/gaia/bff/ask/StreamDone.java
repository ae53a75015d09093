package io.gaia.bff.ask;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The data of the stream's closing done event, for the API document only (FinalIds writes it). */
@Schema(name = "StreamDone", description = "The data of askStream's closing `event: done`: the answer is complete")
record StreamDone(
        @Schema(required = true, nullable = true, description = "Gaia's id of this question; null when Gaia sent none")
        String queryUid,
        @Schema(required = true, nullable = true,
                description = "Send back as conversationId to ask a follow-up; null when Gaia sent none")
        String conversationId) {
}

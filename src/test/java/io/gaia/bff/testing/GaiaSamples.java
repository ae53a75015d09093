package io.gaia.bff.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The realistic payloads FakeGaia answers with when nothing is scripted, public so tests can assert
 * against the same values. Field names follow /work/shared/gaia-api.md.
 */
public final class GaiaSamples {

    public static final String QUERY_UID = "7c1e2b9a-5d4f-4c36-9e0f-2f8b6a1d3e55";
    public static final String CONVERSATION_ID = "conv-4a2b9c81";
    /** The default stream's increments; joined they are the default {@code /ask} answer. */
    public static final List<String> STREAM_WORDS = List.of("Backups ", "run ", "nightly.");
    public static final String ANSWER = String.join("", STREAM_WORDS);

    public static final String UNAUTHORIZED = "{\"errorCode\":\"KStatusUnauthorized\"}";

    public static final String DOCUMENT = "{\"documentId\":\"d-81f07e\",\"name\":\"backup-runbook.pdf\","
            + "\"absolutePath\":\"/eng-share/docs/backup-runbook.pdf\",\"type\":\"pdf\","
            + "\"datasetId\":\"6f1d3a0c9b8e4d2a\",\"folderId\":\"f-12\","
            + "\"citations\":[{\"cosineScore\":0.83,\"textSnippet\":\"Protection jobs run nightly at 01:00.\"}],"
            + "\"objectInfo\":{\"sizeBytes\":482133,\"lastModifiedUsecs\":1730000000000000}}";

    /** Dataset JSON objects by name, in listing order. */
    public static final Map<String, String> DATASETS = datasetsByName();

    public static final String LLMS = "{\"llms\":["
            + "{\"id\":\"llm-1\",\"name\":\"gpt-4o\",\"type\":\"kOpenAI\",\"isDefault\":true,\"isDisabled\":false},"
            + "{\"id\":\"llm-2\",\"name\":\"llama-3-70b\",\"type\":\"kBedrock\",\"isDefault\":false,\"isDisabled\":false}]}";

    private GaiaSamples() {
    }

    /** {@code {"datasets":[...]}} with the datasets whose name starts with prefix (all if null). */
    public static String datasets(String prefix) {
        return DATASETS.entrySet().stream()
                .filter(e -> prefix == null || e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining(",", "{\"datasets\":[", "]}"));
    }

    /** The {@code POST /ask} response. */
    public static String askResponse(String conversationId) {
        return "{\"responseString\":" + quote(ANSWER) + ",\"queryUid\":\"" + QUERY_UID + "\","
                + "\"conversationId\":" + quote(conversationId) + ",\"conversationName\":\"Backup schedule\","
                + "\"documents\":[" + DOCUMENT + "],\"finishReason\":\"stop\"}";
    }

    /** Payload of the last event of a stream (guide shape). */
    public static String finalEvent(String conversationId) {
        return "{\"queryUid\":\"" + QUERY_UID + "\",\"conversationId\":" + quote(conversationId)
                + ",\"documents\":[" + DOCUMENT + "],\"finishReason\":\"stop\"}";
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static Map<String, String> datasetsByName() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("engineering-docs", "{\"name\":\"engineering-docs\",\"id\":\"6f1d3a0c9b8e4d2a\","
                + "\"description\":\"Runbooks and design documents\",\"numObjects\":1342,\"numQueries\":87,"
                + "\"dataSources\":[{\"sourceType\":\"CohesityView\",\"viewName\":\"eng-share\","
                + "\"includePaths\":[\"/docs\"],\"excludePaths\":[]}],"
                + "\"indexingWindow\":{\"startHour\":1,\"endHour\":5},\"userIds\":[\"admin@example.com\"],"
                + "\"lastIndexingRun\":{\"startTimeUsecs\":1731400000000000,\"endTimeUsecs\":1731403600000000,"
                + "\"stats\":{\"numIndexed\":1342,\"numFailed\":0},\"health\":\"kHealthy\",\"progress\":100}}");
        m.put("hr-policies", "{\"name\":\"hr-policies\",\"id\":\"a93b0e7712c44f15\","
                + "\"numObjects\":219,\"numQueries\":12,"
                + "\"dataSources\":[{\"sourceType\":\"CohesityView\",\"viewName\":\"hr-share\","
                + "\"includePaths\":[],\"excludePaths\":[\"/drafts\"]}],"
                + "\"indexingWindow\":{},\"userIds\":[],"
                + "\"lastIndexingRun\":{\"startTimeUsecs\":1731500000000000,\"endTimeUsecs\":0,"
                + "\"stats\":{\"numIndexed\":150,\"numFailed\":2},\"health\":\"kRunning\",\"progress\":68}}");
        return Collections.unmodifiableMap(m);
    }
}

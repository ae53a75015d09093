package io.gaia.bff.simulator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.gaia.bff.simulator.api.AskRequest;
import io.gaia.bff.simulator.api.AskResponse;
import io.gaia.bff.simulator.api.GaiaDocument;
import io.gaia.bff.simulator.api.GaiaErrors;
import io.gaia.bff.simulator.conversation.Conversation;
import io.gaia.bff.simulator.conversation.ConversationStore;
import io.gaia.bff.simulator.conversation.FollowUpResolver;
import io.gaia.bff.simulator.conversation.Turn;
import io.gaia.bff.simulator.corpus.DemoDataset;
import io.gaia.bff.simulator.corpus.DemoDocument;
import io.gaia.bff.simulator.corpus.Passage;
import io.gaia.bff.simulator.retrieval.Answer;
import io.gaia.bff.simulator.retrieval.QuestionAnswerer;
import io.gaia.bff.simulator.retrieval.ScoredPassage;
import io.quarkus.arc.properties.IfBuildProperty;

/** Answers one question, streamed or not: validation, conversation context, retrieval, Gaia's response shape. */
@ApplicationScoped
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class AskService {

    private final DatasetCatalog catalog;
    private final QuestionAnswerer answerer;
    private final FollowUpResolver followUps;
    private final ConversationStore conversations;

    public AskService(DatasetCatalog catalog, QuestionAnswerer answerer, FollowUpResolver followUps,
            ConversationStore conversations) {
        this.catalog = catalog;
        this.answerer = answerer;
        this.followUps = followUps;
        this.conversations = conversations;
    }

    public AskResponse ask(AskRequest request) {
        List<String> names = request.datasetNames();
        if (names == null || names.isEmpty()) {
            throw GaiaErrors.badRequest("datasetNames must name at least one dataset");
        }
        if (names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw GaiaErrors.badRequest("datasetNames must not contain blank names");
        }
        // Malformed requests are refused before unknown datasets, as a validating API would.
        if (request.queryString() == null || request.queryString().isBlank()) {
            throw GaiaErrors.badRequest("queryString must not be blank");
        }
        List<DemoDataset> datasets = datasets(request);
        String question = request.queryString().strip();
        String conversationId = request.conversationId() == null || request.conversationId().isBlank()
                ? UUID.randomUUID().toString()
                : request.conversationId();
        Conversation conversation = conversations.open(conversationId, question);

        Optional<Turn> previous = conversation.lastTurn().or(() -> followUps.fromHistory(earlierQuestions(request)));
        FollowUpResolver.Resolved resolved = followUps.resolve(question, previous);
        Answer answer = answerer.answer(resolved.query(), scope(datasets, resolved.onlyDocumentId()),
                describe(datasets));

        conversation.record(new Turn(question, resolved.query(),
                answer.sources().stream().map(s -> s.document().documentId()).toList()));
        datasets.forEach(catalog::countQuery);
        return new AskResponse(answer.text(), UUID.randomUUID().toString(), conversationId, conversation.name(),
                answer.sources().stream().map(AskService::toGaia).toList(), "stop", "kSucceeded");
    }

    private List<DemoDataset> datasets(AskRequest request) {
        List<String> names = request.datasetNames();
        return names.stream().distinct().map(catalog::require).toList();
    }

    private static List<String> earlierQuestions(AskRequest request) {
        if (request.history() == null) {
            return List.of();
        }
        return request.history().stream()
                .filter(Objects::nonNull)
                .map(AskRequest.HistoryEntry::query)
                .filter(q -> q != null && !q.isBlank())
                .toList();
    }

    private static Predicate<Passage> scope(List<DemoDataset> datasets, Optional<String> onlyDocumentId) {
        Set<String> ids = datasets.stream().map(DemoDataset::id).collect(Collectors.toSet());
        return p -> ids.contains(p.document().datasetId())
                && onlyDocumentId.map(id -> id.equals(p.document().documentId())).orElse(true);
    }

    private static String describe(List<DemoDataset> datasets) {
        String names = datasets.stream().map(DemoDataset::name).collect(Collectors.joining(", "));
        return (datasets.size() == 1 ? "the dataset " : "the datasets ") + names;
    }

    private static GaiaDocument toGaia(Answer.Source source) {
        DemoDocument doc = source.document();
        List<GaiaDocument.Citation> citations = source.passages().stream()
                .map(AskService::citation)
                .toList();
        String type = doc.name().substring(doc.name().lastIndexOf('.') + 1);
        return new GaiaDocument(doc.documentId(), doc.name(), doc.absolutePath(), type, doc.datasetId(),
                doc.folderId(), citations, new GaiaDocument.ObjectInfo(doc.title(), "CohesityView", doc.viewName(),
                        doc.sizeBytes(), doc.lastModifiedTimeUsecs()));
    }

    /**
     * BM25 relevance is small even for a perfect match; the square root spreads it over the range
     * real cosine scores occupy, and keeps the order.
     */
    private static GaiaDocument.Citation citation(ScoredPassage hit) {
        double score = Math.round(Math.sqrt(hit.relevance()) * 10_000) / 10_000.0;
        return new GaiaDocument.Citation(score, hit.passage().text());
    }
}

package io.gaia.bff.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests the build writes to target/kubernetes/kubernetes.yml (quarkus-kubernetes,
 * configured in application.yaml and src/main/kubernetes/kubernetes.yml) say what the README's
 * "Deploying" section promises: the probes on the health endpoints, the port, settings and secrets
 * from the ConfigMap and Secret the README tells operators to create, bounded resources, a locked-down
 * container, and an ingress that lets answer streams through.
 */
class KubernetesManifestIT {

    static final Path MANIFEST = Path.of("target", "kubernetes", "kubernetes.yml");
    static final String NAME = "gaia-bff";
    static final String CONFIG_MAP = "gaia-bff-config";
    static final String SECRET = "gaia-bff-secrets";
    /** Settings that are secrets (README, "Settings"): they may only ever come from the Secret. */
    static final Set<String> SECRET_SETTINGS = Set.of("SESSION_ENCRYPTION_KEY", "ADMIN_TOKEN", "GAIA_API_KEY",
            "QUARKUS_REDIS_HOSTS", "SESSION_LOG_SALT");
    /** STREAM_MAX_DURATION_SECONDS's default: an answer may stream this long. */
    static final int LONGEST_ANSWER_SECONDS = 600;

    /** Every resource in the manifest, in order. */
    private static List<JsonNode> resources;

    @BeforeAll
    static void read() throws IOException {
        assertTrue(Files.isRegularFile(MANIFEST), MANIFEST + " is written by ./mvnw package");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        resources = new ArrayList<>();
        try (JsonParser parser = yaml.createParser(MANIFEST.toFile());
                MappingIterator<JsonNode> documents = yaml.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isEmpty()) {
                    resources.add(document);
                }
            }
        }
    }

    @Test
    void deploymentServiceAndIngressAreGeneratedAndNothingThatNeedsExtraCrds() {
        assertEquals(Set.of("Deployment", "Service", "Ingress"),
                Set.copyOf(resources.stream().map(r -> r.path("kind").asText()).toList()),
                "kubectl apply works on a plain cluster (no ServiceMonitor without the Prometheus Operator)");
        resources.forEach(r -> assertEquals(NAME, r.at("/metadata/name").asText(), r.path("kind").asText()));
    }

    @Test
    void containerListensOnPort8080NamedHttpAndTheServiceTargetsIt() {
        JsonNode port = single(container().path("ports"));
        assertEquals(8080, port.path("containerPort").asInt());
        assertEquals("http", port.path("name").asText());
        assertEquals("TCP", port.path("protocol").asText());

        JsonNode service = resource("Service");
        JsonNode servicePort = single(service.at("/spec/ports"));
        assertEquals("http", servicePort.path("name").asText());
        assertTrue(servicePort.path("targetPort").asText().equals("8080")
                || servicePort.path("targetPort").asText().equals("http"), servicePort.toString());
        assertEquals(deployment().at("/spec/selector/matchLabels"), service.at("/spec/selector"),
                "the Service selects the Deployment's pods");
    }

    @Test
    void selectorLeavesTheVersionOutSoUpgradesCanBeApplied() {
        assertFalse(deployment().at("/spec/selector/matchLabels").has("app.kubernetes.io/version"),
                "a Deployment's selector is immutable: with the version in it, the next release would not apply");
    }

    @Test
    void probesUseTheHealthEndpoints() {
        JsonNode container = container();
        assertHttpProbe(container.path("livenessProbe"), "/q/health/live");
        assertHttpProbe(container.path("readinessProbe"), "/q/health/ready");
        JsonNode startup = container.path("startupProbe");
        assertHttpProbe(startup, "/q/health/started");
        int startupBudget = startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt();
        assertTrue(startupBudget >= 60, "a slow start on a throttled CPU is not killed: " + startupBudget + " s");
    }

    @Test
    void settingsComeFromTheConfigMap() {
        List<JsonNode> envFrom = list(container().path("envFrom"));
        assertTrue(envFrom.stream().anyMatch(e -> CONFIG_MAP.equals(e.at("/configMapRef/name").asText())
                && !e.at("/configMapRef/optional").asBoolean()),
                "settings from ConfigMap " + CONFIG_MAP + ", which must exist: " + envFrom);
    }

    @Test
    void eachSecretComesFromTheSecretAndMayBeAbsent() {
        List<JsonNode> env = list(container().path("env"));
        for (String name : SECRET_SETTINGS) {
            JsonNode variable = env.stream().filter(v -> name.equals(v.path("name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is set from the Secret: " + env));
            JsonNode ref = variable.at("/valueFrom/secretKeyRef");
            assertEquals(SECRET, ref.path("name").asText(), name + " comes from Secret " + SECRET + ": " + variable);
            assertEquals(name, ref.path("key").asText(), variable.toString());
            assertTrue(ref.path("optional").asBoolean(),
                    name + " is optional: one replica on the memory store runs without the Secret: " + variable);
        }
        env.forEach(v -> assertFalse(v.has("value") && SECRET_SETTINGS.contains(v.path("name").asText()),
                "no secret as a literal: " + v));
    }

    @Test
    void resourcesAreRequestedAndLimited() {
        JsonNode requirements = container().path("resources");
        for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
            assertFalse(requirements.at(field).asText().isBlank(), "resources" + field + " is set: " + requirements);
        }
    }

    @Test
    void runsAsNonRootOnAReadOnlyRootFilesystemWithoutPrivileges() {
        JsonNode pod = deployment().at("/spec/template/spec/securityContext");
        assertTrue(pod.path("runAsNonRoot").asBoolean(), "pod runAsNonRoot: " + pod);
        assertEquals("RuntimeDefault", pod.at("/seccompProfile/type").asText(), "pod seccomp profile: " + pod);

        JsonNode container = container().path("securityContext");
        assertTrue(container.path("readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem: " + container);
        assertTrue(container.has("allowPrivilegeEscalation") && !container.path("allowPrivilegeEscalation").asBoolean(),
                "allowPrivilegeEscalation false: " + container);
        assertTrue(list(container.at("/capabilities/drop")).stream().anyMatch(c -> "ALL".equals(c.asText())),
                "all capabilities dropped: " + container);
    }

    @Test
    void tmpIsAWritableEmptyDirBecauseTheRootFilesystemIsReadOnly() {
        JsonNode mount = list(container().path("volumeMounts")).stream()
                .filter(m -> "/tmp".equals(m.path("mountPath").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("/tmp is mounted: " + container().path("volumeMounts")));
        assertFalse(mount.path("readOnly").asBoolean(), "/tmp is writable");
        String volume = mount.path("name").asText();
        JsonNode declared = list(deployment().at("/spec/template/spec/volumes")).stream()
                .filter(v -> volume.equals(v.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + volume + " is declared"));
        assertTrue(declared.has("emptyDir"), "/tmp is an emptyDir: " + declared);
    }

    @Test
    void ingressLetsStreamsThroughUnbufferedAndUncut() {
        JsonNode ingress = resource("Ingress");
        JsonNode annotations = ingress.at("/metadata/annotations");
        assertEquals("off", annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText(), annotations.toString());
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            String value = annotations.path("nginx.ingress.kubernetes.io/" + timeout).asText();
            assertTrue(!value.isEmpty() && Integer.parseInt(value) > LONGEST_ANSWER_SECONDS,
                    timeout + " outlasts the longest answer (" + LONGEST_ANSWER_SECONDS + " s): " + value);
        }
    }

    @Test
    void ingressRoutesOnlyTheApiToTheServicePort() {
        JsonNode ingress = resource("Ingress");
        List<JsonNode> paths = new ArrayList<>();
        list(ingress.at("/spec/rules")).forEach(rule -> paths.addAll(list(rule.at("/http/paths"))));
        assertFalse(paths.isEmpty(), "the ingress routes something");
        for (JsonNode path : paths) {
            assertEquals("/api/v1", path.path("path").asText(),
                    "only the API is public; /admin, /q/metrics and /docs stay inside the cluster");
            assertEquals(NAME, path.at("/backend/service/name").asText());
            assertEquals("http", path.at("/backend/service/port/name").asText());
        }
    }

    private static void assertHttpProbe(JsonNode probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.at("/httpGet/path").asText(), probe.toString());
        String port = probe.at("/httpGet/port").asText();
        assertTrue(port.equals("8080") || port.equals("http"), path + " on the http port: " + probe);
    }

    private static JsonNode deployment() {
        return resource("Deployment");
    }

    private static JsonNode container() {
        List<JsonNode> containers = list(deployment().at("/spec/template/spec/containers"));
        return containers.stream().filter(c -> NAME.equals(c.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("container " + NAME + " in " + containers));
    }

    private static JsonNode resource(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + MANIFEST));
    }

    private static JsonNode single(JsonNode array) {
        List<JsonNode> items = list(array);
        assertEquals(1, items.size(), array.toString());
        return items.get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        return array == null || !array.isArray() ? List.of()
                : StreamSupport.stream(array.spliterator(), false).toList();
    }
}

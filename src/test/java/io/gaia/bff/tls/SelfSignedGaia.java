package io.gaia.bff.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.gaia.bff.testing.GaiaSamples;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;

/**
 * A Gaia behind HTTPS with a self-signed certificate, like an on-premises cluster. Its certificate
 * is made with the JDK's keytool, so no test library is needed. Any apiKey is accepted; it lists one
 * dataset and streams a one-word answer.
 */
public class SelfSignedGaia implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("self-signed-gaia");
            Path keystore = dir.resolve("gaia.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "gaia", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
                    .redirectErrorStream(true).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
            }
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                    .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit")))
                    .requestHandler(request -> {
                        if (request.path().endsWith("/ask/stream")) {
                            request.response().putHeader("Content-Type", "text/event-stream")
                                    .end("data: {\"responseString\":\"over TLS\"}\n\n"
                                            + "data: " + GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID) + "\n\n");
                        } else {
                            request.response().putHeader("Content-Type", "application/json")
                                    .end("{\"datasets\":[{\"name\":\"on-prem\",\"id\":\"0f\"}]}");
                        }
                    })
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return Map.of("gaia.base-url", "https://127.0.0.1:" + server.actualPort() + "/v2/mcm/gaia");
        } catch (Exception e) {
            throw new IllegalStateException("could not start the self-signed Gaia", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}

package io.gaia.bff.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx reverse proxy (the Debian package; .ci/run installs nginx-light) in front of the
 * service, configured as a platform team would start: nothing but proxy_pass, so buffering is at
 * nginx's defaults. Runs unprivileged from a temporary prefix.
 */
public final class Nginx implements AutoCloseable {

    private static final List<String> LOCATIONS = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx");

    private final Process process;
    private final Path prefix;
    private final int port;

    private Nginx(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /** nginx on a free loopback port, proxying everything to 127.0.0.1:upstreamPort. */
    public static Nginx proxyTo(int upstreamPort) throws IOException, InterruptedException {
        String binary = LOCATIONS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "nginx is needed for the reverse-proxy streaming test: apt-get install nginx-light (.ci/run does)"));
        Path prefix = Files.createTempDirectory("gaia-bff-nginx");
        int port = Ports.free();
        boolean root = "root".equals(System.getProperty("user.name"));
        String conf = (root ? "user root;\n" : "") + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 512; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                        }
                    }
                }
                """.formatted(prefix, port, upstreamPort);
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process process = new ProcessBuilder(binary, "-p", prefix.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, prefix, port);
        nginx.awaitListening(Duration.ofSeconds(10));
        return nginx;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        if (Ports.awaitListening(port, timeout)) {
            return;
        }
        throw new IllegalStateException("nginx did not start listening on " + port + ": "
                + Files.readString(prefix.resolve("stdout.log")) + readIfExists(prefix.resolve("error.log")));
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

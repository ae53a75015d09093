package io.gaia.bff.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A browser that asks for a streamed answer and then reads only what its test reads, through a small
 * receive window: the service soon has frames it cannot write. Closing it with frames unread makes
 * the kernel reset the connection, as a browser tab closed mid-answer does.
 */
public final class StalledBrowser {

    private StalledBrowser() {
    }

    public static Socket ask(String host, int port, String session, String requestId) throws IOException {
        Socket browser = new Socket();
        browser.setReceiveBufferSize(4096);
        browser.connect(new InetSocketAddress(host, port));
        byte[] body = "{\"datasetNames\":[\"handbook\"],\"queryString\":\"A long answer, please\"}".getBytes(StandardCharsets.UTF_8);
        OutputStream out = browser.getOutputStream();
        out.write(("POST /api/v1/ask/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Accept: text/event-stream\r\nX-Request-ID: " + requestId + "\r\nX-Session-ID: " + session
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        browser.setSoTimeout(30_000);
        return browser;
    }
}

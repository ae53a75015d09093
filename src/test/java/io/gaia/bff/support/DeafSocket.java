package io.gaia.bff.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of /api/v1/ws that authenticates and then stops reading, as one whose network went away:
 * it never answers a close frame. Raw bytes on a plain socket, because every WebSocket client
 * library answers close frames by itself.
 */
public final class DeafSocket implements AutoCloseable {

    /** How the service closed the socket, read from the bytes it left unread. */
    public record CloseFrame(int code, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;

    private final Socket socket;
    private final InputStream in;

    private DeafSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Connects, authenticates with the session and waits for ready; from then on reads nothing. */
    public static DeafSocket authenticated(int port, String sessionId) throws IOException {
        return authenticated(port, sessionId, 0);
    }

    /** The same with a receive buffer of this many bytes (0: the system's), so the service soon finds it full. */
    public static DeafSocket authenticated(int port, String sessionId, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        DeafSocket deaf = new DeafSocket(socket);
        deaf.socket.setSoTimeout((int) LiveClient.WAIT.toMillis());
        OutputStream out = deaf.socket.getOutputStream();
        out.write(("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = deaf.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        out.write(maskedText(JSON.writeValueAsBytes(Map.of("type", "auth", "sessionId", sessionId))));
        String ready = new String(deaf.readFrame(TEXT), StandardCharsets.UTF_8);
        assertTrue(ready.contains("\"ready\""), ready);
        return deaf;
    }

    /** Sends a client message (an ask, say); this client still reads nothing. */
    public void send(Map<String, ?> message) throws IOException {
        socket.getOutputStream().write(maskedText(JSON.writeValueAsBytes(message)));
    }

    /** What the service sent and this client has not read yet, for a test that starts reading. */
    public InputStream unread() {
        return in;
    }

    /** The close frame the service sent while this client was not listening (read after the fact). */
    public CloseFrame closeFrame() throws IOException {
        ByteBuffer payload = ByteBuffer.wrap(readFrame(CLOSE));
        int code = Short.toUnsignedInt(payload.getShort());
        return new CloseFrame(code, StandardCharsets.UTF_8.decode(payload).toString());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A client's frames must be masked; an all-zero mask leaves the payload as it is. */
    private static byte[] maskedText(byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(new byte[4]);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed during the handshake: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /** The next unfragmented frame, which must have this opcode (the service sends no others here). */
    private byte[] readFrame(int opcode) throws IOException {
        int first = in.read();
        assertEquals(0x80 | opcode, first, "frame type");
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        return in.readNBytes(length);
    }
}

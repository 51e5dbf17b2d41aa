package io.boxoffice.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, one request per connection, sending the request line and headers
 * exactly as given: the bytes a careless or hostile client sends and the JDK's client refuses to
 * (malformed escapes, illegal characters, any header). A read that takes longer than the timeout
 * fails, so a hang is a failure, not a stuck build.
 */
public final class RawHttp {

    private final String host;
    private final int port;
    private final Duration timeout;

    public RawHttp(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** An answer: status, headers (names in lower case, last value wins) and the body as text. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** Sends {@code method target} with {@code headers} and {@code body} (null: none). */
    public Response send(String method, String target, Map<String, String> headers, byte @Nullable [] body)
            throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (java.net.SocketException closed) {
                // the server answered (and closed) before reading it all, as it may for a request
                // too large to take: its answer is still there to read
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (java.net.SocketException reset) {
                // the server may close after answering a request it refused before reading its body
                if (all.size() == 0) {
                    throw reset;
                }
            }
            return parse(all.toByteArray());
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        String body = text.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
            body = unchunk(body);
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int end = chunked.indexOf("\r\n", at);
            if (end < 0) {
                break;
            }
            String size = chunked.substring(at, end).strip();
            int length = Integer.parseInt(size.contains(";") ? size.substring(0, size.indexOf(';')) : size, 16);
            if (length == 0) {
                break;
            }
            // sizes count bytes; bodies here are ASCII JSON, so characters are bytes
            body.append(chunked, end + 2, Math.min(chunked.length(), end + 2 + length));
            at = end + 2 + length + 2;
        }
        return body.toString();
    }
}

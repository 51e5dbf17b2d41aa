import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the open-loop load generators here (OnSale, Mixed) send Boxoffice with: a minimal
 * keep-alive HTTP/1.1 connection (no client library's pooling or retries between the schedule and
 * the socket) and access tokens minted with the nodes' secret, as Boxoffice issues them, so a
 * benchmark needs no sign-in per buyer. The launcher compiles it with whichever of them is run.
 */
final class Wire {

    private Wire() {}

    /** An answer: its status, its body and its Retry-After (2 s when absent). */
    record Response(int status, String body, long retryAfter) {}

    /** An access token as Boxoffice issues them (HS256; the roles are read from the account at each request). */
    static String mint(String secret, String issuer, String account, long ttlSeconds) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString("""
                {"iss":"%s","sub":"%s","iat":%d,"exp":%d,"jti":"%s","roles":["ATTENDEE"]}"""
                .formatted(issuer, account, now, now + ttlSeconds, UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = header + "." + claims;
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** One keep-alive HTTP/1.1 connection: a request, then its whole response (Content-Length bodies). */
    static final class Connection {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private long lastUsed;

        Connection(String host, int port) throws IOException {
            this.host = host;
            this.port = port;
            open();
        }

        private void open() throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
            lastUsed = System.nanoTime();
        }

        void reopen() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
            try {
                open();
            } catch (IOException e) {
                // the next exchange fails and retries
            }
        }

        Response exchange(String method, String path, String body, String... headers) throws IOException {
            // HAProxy closes a keep-alive connection idle for its http-request timeout (10 s), with a 408
            if (System.nanoTime() - lastUsed > 5_000_000_000L || in.available() > 0) {
                reopen();
            }
            lastUsed = System.nanoTime();
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\nAccept: application/json\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            int length = 0;
            long retryAfter = 2;
            boolean close = false;
            boolean chunked = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase();
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "retry-after" -> retryAfter = Long.parseLong(value);
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    default -> { }
                }
            }
            byte[] answer = chunked ? chunks() : in.readNBytes(length);
            if (close || code == 408) {
                reopen();
            }
            if (code == 408) {
                throw new IOException("408 from the balancer: the connection idled out");
            }
            return new Response(code, new String(answer, StandardCharsets.UTF_8), retryAfter);
        }

        private byte[] chunks() throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String size = line();
                if (size == null) {
                    throw new IOException("connection closed in a chunked answer");
                }
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                        // trailers: none expected
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                line(); // the CRLF after the chunk
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }
    }
}

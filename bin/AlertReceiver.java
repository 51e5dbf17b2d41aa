import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * The on-call end of a local cluster's Alertmanager (bin/cluster up --monitoring): a webhook
 * receiver (what a paging service is) and an SMTP sink (the mailbox), on loopback. Each
 * notification is one line appended to the output file:
 *
 * <pre>webhook 1764979200123 {"receiver":"on-call","status":"firing","alerts":[...]}
 * email 1764979200456 [FIRING:1] PostgresMemberDown (...)</pre>
 *
 * Usage: java bin/AlertReceiver.java HTTP_PORT SMTP_PORT OUTPUT_FILE
 */
public class AlertReceiver {

    public static void main(String[] args) throws IOException {
        int httpPort = Integer.parseInt(args[0]);
        int smtpPort = Integer.parseInt(args[1]);
        Path output = Path.of(args[2]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        var threads = Executors.newVirtualThreadPerTaskExecutor();

        HttpServer http = HttpServer.create(new InetSocketAddress(loopback, httpPort), 50);
        http.setExecutor(threads);
        http.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 405;
            if (exchange.getRequestMethod().equals("POST")) {
                record(output, "webhook", body.replaceAll("\\s*\\R\\s*", " "));
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        http.start();

        ServerSocket smtp = new ServerSocket(smtpPort, 50, loopback);
        System.out.printf("alert receiver: webhook on http://127.0.0.1:%d/, SMTP on 127.0.0.1:%d, writing %s%n",
                httpPort, smtpPort, output);
        while (true) {
            Socket client = smtp.accept();
            threads.execute(() -> converse(client, output));
        }
    }

    /** Just enough SMTP for Alertmanager's email notifier (no TLS, no authentication). */
    private static void converse(Socket client, Path output) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                OutputStream raw = client.getOutputStream()) {
            PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8);
            reply(out, "220 alert-receiver ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-alert-receiver\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String subject = "";
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            if (subject.isEmpty() && line.regionMatches(true, 0, "Subject:", 0, 8)) {
                                subject = line.substring(8).strip();
                            }
                        }
                        record(output, "email", subject);
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            System.err.println("alert receiver: SMTP session ended: " + e.getMessage());
        }
    }

    private static void reply(PrintStream out, String text) {
        out.print(text + "\r\n");
        out.flush();
    }

    private static synchronized void record(Path output, String via, String content) {
        try {
            Files.writeString(
                    output,
                    via + " " + System.currentTimeMillis() + " " + content + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

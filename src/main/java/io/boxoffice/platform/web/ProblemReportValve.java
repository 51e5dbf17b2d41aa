package io.boxoffice.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests it refuses before any servlet sees them (a malformed
 * percent-encoding or an illegal character in the path, an encoded slash): problem+json like
 * every other error, in place of Tomcat's HTML page. Public, as Tomcat makes it by class name.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String slug = Problems.slugFor(HttpStatus.valueOf(known != null ? status : 500));
        String detail = status == 400
                ? "The request's address is malformed."
                : known != null ? known.getReasonPhrase() : "Error";
        String body = "{\"type\":\"" + Problems.TYPE_BASE + slug + "\",\"title\":\""
                + (known != null ? known.getReasonPhrase() : "Error") + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was taken: nothing more to say
        }
    }
}

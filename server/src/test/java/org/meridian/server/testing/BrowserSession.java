package org.meridian.server.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as pages see it, over real HTTP: keeps its cookies, sends forms with the CSRF token
 * of the last page it read, and follows a redirect only when asked, so tests can look at the
 * redirect-after-post itself.
 */
public final class BrowserSession {
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String origin;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf = "";

    public BrowserSession(int port) {
        this.origin = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = send(request(path).header("Accept", "text/html").GET());
        Matcher token = CSRF_INPUT.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** Posts a form ({@code name, value, name, value, ...}) with the CSRF token, as a page's form would. */
    public HttpResponse<String> post(String path, String... fields) throws Exception {
        return send(form(path, encode(fields) + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)));
    }

    /** Posts a form without its CSRF token, as a forged cross-site form would. */
    public HttpResponse<String> postWithoutCsrf(String path, String... fields) throws Exception {
        return send(form(path, encode(fields)));
    }

    /**
     * Sends a JSON API request in this session, as a page's script would: the CSRF token of the
     * last page read goes in {@code X-CSRF-TOKEN}. {@code json} may be null for no body.
     */
    public HttpResponse<String> sendJson(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = request(path).header("Accept", "application/json").header("X-CSRF-TOKEN", csrf);
        if (json == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Fetches where a redirect points, as a browser does after a form. */
    public HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
        String location = redirect.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("not a redirect: " + redirect.statusCode()));
        return get(location.startsWith(origin) ? location.substring(origin.length()) : location);
    }

    /** Signs in through the login form; the session is then this user's. */
    public BrowserSession signIn(String username, String password) throws Exception {
        get("/login");
        HttpResponse<String> response = post("/login", "username", username, "password", password);
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("sign-in as " + username + " failed: " + response.statusCode());
        }
        return this;
    }

    private HttpRequest.Builder form(String path, String body) {
        return request(path).header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(origin + path));
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((name, value) -> header.add(name + "=" + value));
            builder.header("Cookie", header.toString());
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return response;
    }

    private static String encode(String... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name, value pairs");
        }
        StringJoiner body = new StringJoiner("&");
        for (int i = 0; i < fields.length; i += 2) {
            body.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }
}

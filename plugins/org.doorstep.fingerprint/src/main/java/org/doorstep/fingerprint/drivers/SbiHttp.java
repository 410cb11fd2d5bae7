package org.doorstep.fingerprint.drivers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.doorstep.fingerprint.FingerprintDeviceException;
import org.doorstep.fingerprint.internal.BoundedBody;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP to SBI device services on 127.0.0.1: the protocol's own methods (MOSIPDISC, MOSIPDINFO, RCAPTURE) with
 * JSON bodies over HTTP/1.1, no proxy, no redirects. Every way a call can go wrong becomes one
 * {@link FingerprintDeviceException} naming the port: refused, timed out (also when the answer stalls half-way),
 * HTTP error, too large, not JSON.
 */
final class SbiHttp implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final HttpClient client;
    private final int maxAnswerBytes;
    private final ObjectMapper json = new ObjectMapper();

    SbiHttp(SbiOptions options) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(options.discoveryTimeout()).build();
        this.maxAnswerBytes = options.maxAnswerBytes();
    }

    ObjectMapper json() {
        return json;
    }

    /** Starts a call; the future fails with the transport's own exception. */
    CompletableFuture<HttpResponse<byte[]>> start(String method, int port, String path, String body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return client.sendAsync(request, info -> new BoundedBody(maxAnswerBytes));
    }

    /**
     * Opens a streaming call (SBI's {@code STREAM}): waits for the answer's headers within {@code timeout} and gives
     * the body as it comes. Anything but a 200 with an M-JPEG body is refused, naming what came instead.
     */
    SbiStream stream(int port, String path, String body, Duration timeout, java.util.function.Consumer<byte[]> frames)
            throws FingerprintDeviceException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .method("STREAM", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timeout(port, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FingerprintDeviceException(e, "device.interrupted");
        } catch (ExecutionException | CancellationException e) {
            throw failure(port, e.getCause() == null ? e : e.getCause(), timeout);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        java.util.regex.Matcher boundary = java.util.regex.Pattern
                .compile("(?i)multipart/x-mixed-replace\\s*;.*boundary=\"?([^\";]+)\"?").matcher(type);
        if (response.statusCode() != 200 || !boundary.find()) {
            try (java.io.InputStream in = response.body()) {
                in.readNBytes(64 * 1024); // let the device finish its answer
            } catch (IOException e) {
                // the refusal below says what matters
            }
            throw new FingerprintDeviceException("device.noStream", port,
                    response.statusCode() != 200 ? "HTTP " + response.statusCode() : type.isBlank() ? "no content type" : type);
        }
        return new SbiStream(response.body(), boundary.group(1).strip(), maxAnswerBytes, frames, port);
    }

    /** A whole call: the answer as JSON, or the failure in the officer's words. */
    JsonNode call(String method, int port, String path, String body, Duration timeout) throws FingerprintDeviceException {
        return parse(port, await(port, start(method, port, path, body, timeout), timeout));
    }

    /**
     * Waits for a started call a little longer than its own timeout: the client's timeout covers the wait for
     * the answer's headers, this one also a body that stops half-way.
     */
    HttpResponse<byte[]> await(int port, CompletableFuture<HttpResponse<byte[]>> call, Duration timeout)
            throws FingerprintDeviceException {
        HttpResponse<byte[]> response;
        try {
            response = call.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timeout(port, timeout, e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new FingerprintDeviceException(e, "device.interrupted");
        } catch (ExecutionException | CancellationException e) {
            throw failure(port, e.getCause() == null ? e : e.getCause(), timeout);
        }
        if (response.statusCode() != 200) {
            throw new FingerprintDeviceException("device.http", port, response.statusCode());
        }
        return response;
    }

    JsonNode parse(int port, HttpResponse<byte[]> response) throws FingerprintDeviceException {
        byte[] body = response.body();
        if (body.length == 0) {
            throw new FingerprintDeviceException("device.garbage", port, "empty answer");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new FingerprintDeviceException("device.garbage", port, "not a JSON object or array");
            }
            return node;
        } catch (JacksonException e) {
            throw new FingerprintDeviceException(e, "device.garbage", port, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FingerprintDeviceException(e, "device.garbage", port, e.getMessage());
        }
    }

    FingerprintDeviceException failure(int port, Throwable cause, Duration timeout) {
        if (cause instanceof BoundedBody.TooLarge) {
            return new FingerprintDeviceException(cause, "device.tooLarge", port,
                    String.format(java.util.Locale.ROOT, "%.1f", maxAnswerBytes / (1024.0 * 1024)));
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new FingerprintDeviceException(cause, "device.unreachable", port, describe(cause));
        }
        if (cause instanceof HttpTimeoutException) {
            return timeout(port, timeout, cause);
        }
        return new FingerprintDeviceException(cause, "device.unreachable", port, describe(cause));
    }

    private static FingerprintDeviceException timeout(int port, Duration timeout, Throwable cause) {
        return new FingerprintDeviceException(cause, "device.timeout", port,
                String.format(java.util.Locale.ROOT, "%.1f", timeout.toMillis() / 1000.0));
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}

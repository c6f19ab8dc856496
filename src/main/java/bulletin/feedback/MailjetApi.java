package bulletin.feedback;

import bulletin.relay.RelayFactory.MailjetAccount;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of Mailjet's REST API (v3) the feedback loop reads: a campaign by its custom name
 * ({@code /v3/REST/campaign?CustomCampaign=…}) and its messages with their status
 * ({@code /v3/REST/message?Campaign=…&ShowContactAlt=true&ShowCustomID=true}), page by page.
 * HTTP Basic with the API key and secret; a 429 or a 5xx is tried again after a growing wait.
 * Read defensively, since a wrong URL or a broken proxy answers too: {@code https://} only (the key
 * and secret would cross the network in clear; a loopback host is allowed for tests), each whole
 * answer within a deadline and {@value #MAX_BODY} bytes, at most {@value #MAX_PAGES} pages, and an
 * answer that is not JSON named in one sentence.
 */
final class MailjetApi {

    /** Messages per page: Mailjet serves at most 1,000. */
    static final int PAGE = 1000;
    private static final int ATTEMPTS = 5;
    /** Pages of one campaign: 200,000 messages, far more than any run of the association's. */
    static final int MAX_PAGES = 200;
    /** One answer's body: a page of 1,000 messages is about 300 KB. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    /** One message of a campaign, as Mailjet reports it. */
    record Message(long id, String address, String status, boolean permanent, int stateId, String customId) {
    }

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration firstWait;
    private final Duration deadline;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param deadline how long one whole answer may take, headers and body
     * @throws MailjetException the URL is not https:// (and not a loopback host)
     */
    MailjetApi(URI base, MailjetAccount account, Duration firstWait, Duration deadline) {
        if (!"https".equalsIgnoreCase(base.getScheme()) && !loopback(base)) {
            throw new MailjetException(Sentence.of("mailjet.api.not-https", base, base.getScheme()), null);
        }
        this.base = base;
        this.deadline = deadline;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (account.apiKey() + ":" + account.secretKey()).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        this.firstWait = firstWait;
    }

    /** Mailjet's id of the campaign it made from X-Mailjet-Campaign, or empty when it has none by that name. */
    Optional<Long> campaignId(String customCampaign) {
        JsonNode data = get("/v3/REST/campaign", Map.of("CustomCampaign", customCampaign)).path("Data");
        return data.isArray() && !data.isEmpty() ? Optional.of(data.get(0).path("ID").asLong()) : Optional.empty();
    }

    private static boolean loopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    /** Every message of the campaign, read page by page (at most {@value #MAX_PAGES}). */
    List<Message> messages(long campaignId) {
        List<Message> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            if (offset / PAGE >= MAX_PAGES) {
                throw new MailjetException(Sentence.of("mailjet.api.too-many-pages", MAX_PAGES, campaignId, MAX_PAGES * PAGE),
                        null);
            }
            JsonNode page = get("/v3/REST/message", Map.of("Campaign", String.valueOf(campaignId), "ShowContactAlt", "true",
                    "ShowCustomID", "true", "Limit", String.valueOf(PAGE), "Offset", String.valueOf(offset)));
            JsonNode data = page.path("Data");
            for (JsonNode message : data) {
                all.add(new Message(message.path("ID").asLong(), message.path("ContactAlt").asString(""),
                        message.path("Status").asString("").toLowerCase(Locale.ROOT),
                        message.path("StatePermanent").asBoolean(false), message.path("StateID").asInt(0),
                        message.path("CustomID").asString("")));
            }
            if (data.size() < PAGE) {
                return all;
            }
        }
    }

    private JsonNode get(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = base.resolve(path + "?" + parameters);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(deadline)
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        ExponentialBackOff backOff = new ExponentialBackOff(firstWait.toMillis(), 2.0);
        backOff.setMaxInterval(Duration.ofMinutes(2).toMillis());
        BackOffExecution waits = backOff.start();
        for (int attempt = 1; ; attempt++) {
            Answer response;
            try {
                response = answer(request);
            } catch (IOException e) {
                String unreachable = unreachable(e);
                if (unreachable != null) {
                    // No answer at all is not Mailjet in trouble: waiting 30 s in retries at every read helps nobody.
                    throw new MailjetException(Sentence.of("mailjet.api.unreachable", base, unreachable), e);
                }
                if (attempt >= ATTEMPTS) {
                    throw new MailjetException(Sentence.of("mailjet.api.failed", base, e.getMessage() == null
                            ? e.getClass().getSimpleName() : e.getMessage()), e);
                }
                pause(waits);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailjetException(Sentence.of("mailjet.api.interrupted"), e);
            }
            int status = response.status();
            if (status == 200) {
                try {
                    return json.readTree(response.body());
                } catch (tools.jackson.core.JacksonException e) {
                    String start = new String(response.body(), 0, Math.min(60, response.body().length), StandardCharsets.UTF_8);
                    throw new MailjetException(Sentence.of("mailjet.api.not-json", path, response.type(),
                            bulletin.audience.Printable.of(start.strip())), null);
                }
            }
            if (status == 401 || status == 403) {
                throw new MailjetException(Sentence.of("mailjet.api.key-refused", status), null);
            }
            if ((status == 429 || status >= 500) && attempt < ATTEMPTS) {
                pause(waits); // too many requests, or Mailjet in trouble: later
                continue;
            }
            throw new MailjetException(Sentence.of("mailjet.api.http", status, path), null);
        }
    }

    /** Why the API could not be reached at all, in words; null for a failure after it answered (worth a retry). */
    private static String unreachable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "its host name does not resolve: no network, or a DNS problem";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within 30 s";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "the connection was refused or could not be made";
            }
        }
        return null;
    }

    /** One answer, read whole within the deadline and the size bound. */
    private record Answer(int status, String type, byte[] body) {
    }

    private Answer answer(HttpRequest request) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        CompletableFuture<HttpResponse<InputStream>> sent =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response = within(sent, end, () -> sent.cancel(true));
        InputStream in = response.body();
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
            try (in) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw new MailjetException(Sentence.of("mailjet.api.too-big", MAX_BODY / (1024 * 1024)), null);
                }
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            byte[] bytes = within(body, end, () -> close(in));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("no type"), bytes);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The future's value before {@code end}; past it, {@code giveUp} and one sentence. */
    private <T> T within(CompletableFuture<T> future, long end, Runnable giveUp)
            throws IOException, InterruptedException {
        try {
            return future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            giveUp.run();
            throw new MailjetException(Sentence.of("mailjet.api.timeout", deadline.toSeconds()), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MailjetException mailjet) {
                throw mailjet;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(e.getCause() == null ? "failed" : String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // giving up on it anyway
        }
    }

    private static void pause(BackOffExecution waits) {
        try {
            Thread.sleep(waits.nextBackOff());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailjetException(Sentence.of("mailjet.api.interrupted"), e);
        }
    }

    /** Mailjet's API could not be read: nothing was changed. */
    static final class MailjetException extends SpokenException {

        MailjetException(Sentence sentence, Throwable cause) {
            super(sentence, cause);
        }
    }
}

package bulletin.feedback;

import bulletin.relay.RelayFactory.MailjetAccount;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
final class MailjetApi {

    /** Messages per page: Mailjet serves at most 1,000. */
    static final int PAGE = 1000;
    private static final int ATTEMPTS = 5;

    /** One message of a campaign, as Mailjet reports it. */
    record Message(long id, String address, String status, boolean permanent, int stateId, String customId) {
    }

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration firstWait;
    private final JsonMapper json = JsonMapper.builder().build();

    MailjetApi(URI base, MailjetAccount account, Duration firstWait) {
        this.base = base;
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

    /** Every message of the campaign, read page by page. */
    List<Message> messages(long campaignId) {
        List<Message> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = get("/v3/REST/message", Map.of("Campaign", String.valueOf(campaignId), "ShowContactAlt", "true",
                    "ShowCustomID", "true", "Limit", String.valueOf(PAGE), "Offset", String.valueOf(offset)));
            JsonNode data = page.path("Data");
            for (JsonNode message : data) {
                all.add(new Message(message.path("ID").asLong(), message.path("ContactAlt").asString(""),
                        message.path("Status").asString("").toLowerCase(java.util.Locale.ROOT),
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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        ExponentialBackOff backOff = new ExponentialBackOff(firstWait.toMillis(), 2.0);
        backOff.setMaxInterval(Duration.ofMinutes(2).toMillis());
        BackOffExecution waits = backOff.start();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new MailjetException("cannot reach Mailjet's API at " + base + ": " + e.getMessage(), e);
                }
                pause(waits);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailjetException("interrupted while reading Mailjet's API", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return json.readTree(response.body());
            }
            if (status == 401 || status == 403) {
                throw new MailjetException("Mailjet refused the API key (HTTP " + status + "): check MAILJET_API_KEY and"
                        + " MAILJET_SECRET_KEY", null);
            }
            if ((status == 429 || status >= 500) && attempt < ATTEMPTS) {
                pause(waits); // too many requests, or Mailjet in trouble: later
                continue;
            }
            throw new MailjetException("Mailjet's API answered HTTP " + status + " to " + path, null);
        }
    }

    private static void pause(BackOffExecution waits) {
        try {
            Thread.sleep(waits.nextBackOff());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailjetException("interrupted while waiting for Mailjet's API", e);
        }
    }

    /** Mailjet's API could not be read: nothing was changed. */
    static final class MailjetException extends RuntimeException {
        MailjetException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

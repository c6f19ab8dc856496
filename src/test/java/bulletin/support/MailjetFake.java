package bulletin.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Mailjet's REST API (v3), built from the response shapes Mailjet documents:
 * {@code GET /v3/REST/campaign?CustomCampaign=…} and {@code GET /v3/REST/message?Campaign=…}
 * answer {@code {"Count":…,"Data":[…],"Total":…}}, paged by Limit and Offset, behind HTTP Basic.
 */
public final class MailjetFake implements AutoCloseable {

    /** A message as Mailjet lists it, with the fields the feedback loop reads. */
    public record Message(long id, String contactAlt, String status, boolean statePermanent, int stateId, String customId) {
    }

    private final HttpServer server;
    private final String authorization;
    private final Map<String, Long> campaigns = new LinkedHashMap<>();
    private final Map<Long, List<Message>> messages = new LinkedHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicInteger refused429 = new AtomicInteger();
    private volatile Hostile hostile = Hostile.NONE;
    private volatile boolean closed;

    /** How a broken or hostile endpoint answers the message list, as a probe played it. */
    public enum Hostile {
        NONE,
        /** A full page of messages, whatever the offset: paging never ends. */
        ENDLESS_PAGES,
        /** 200 and a body of 40 MB. */
        HUGE_BODY,
        /** 200, then the body one byte every half second. */
        TRICKLE,
        /** 200 and an HTML page, as a captive portal or a wrong URL gives. */
        HTML
    }

    public void hostile(Hostile behaviour) {
        hostile = behaviour;
    }

    public MailjetFake(String apiKey, String secretKey) {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + secretKey)
                .getBytes(StandardCharsets.UTF_8));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v3/REST/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mailjet-fake");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized void campaign(String customCampaign, long id) {
        campaigns.put(customCampaign, id);
    }

    public synchronized void message(long campaignId, Message message) {
        messages.computeIfAbsent(campaignId, id -> new ArrayList<>()).add(message);
    }

    /** The next {@code count} requests get 429 Too Many Requests. */
    public void answering429(int count) {
        tooManyRequests.set(count);
    }

    public int refusedWith429() {
        return refused429.get();
    }

    /** Every request's path and query, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(uri.getPath() + "?" + uri.getRawQuery());
        if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"ErrorMessage\":\"API key authentication/authorization failure\",\"StatusCode\":401}");
            return;
        }
        if (tooManyRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused429.incrementAndGet();
            send(exchange, 429, "{\"ErrorMessage\":\"Too many requests\",\"StatusCode\":429}");
            return;
        }
        Map<String, String> query = query(uri.getRawQuery());
        if (uri.getPath().equals("/v3/REST/campaign")) {
            Long id;
            synchronized (this) {
                id = campaigns.get(query.get("CustomCampaign"));
            }
            send(exchange, 200, id == null ? "{\"Count\":0,\"Data\":[],\"Total\":0}"
                    : "{\"Count\":1,\"Data\":[{\"ID\":" + id + ",\"CustomValue\":\"" + query.get("CustomCampaign")
                    + "\",\"Status\":2}],\"Total\":1}");
            return;
        }
        if (uri.getPath().equals("/v3/REST/message") && hostile != Hostile.NONE) {
            answerHostile(exchange);
            return;
        }
        if (uri.getPath().equals("/v3/REST/message")) {
            List<Message> all;
            synchronized (this) {
                all = List.copyOf(messages.getOrDefault(Long.parseLong(query.get("Campaign")), List.of()));
            }
            int offset = Integer.parseInt(query.getOrDefault("Offset", "0"));
            int limit = Integer.parseInt(query.getOrDefault("Limit", "10"));
            List<Message> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
            StringBuilder data = new StringBuilder();
            for (Message m : page) {
                data.append(data.length() == 0 ? "" : ",").append("{\"ArrivedAt\":\"2026-11-30T02:00:00Z\",\"AttemptCount\":1,")
                        .append("\"ContactAlt\":\"").append(m.contactAlt()).append("\",\"ContactID\":").append(m.id() + 500)
                        .append(",\"CustomID\":\"").append(m.customId()).append("\",\"ID\":").append(m.id())
                        .append(",\"StateID\":").append(m.stateId()).append(",\"StatePermanent\":").append(m.statePermanent())
                        .append(",\"Status\":\"").append(m.status()).append("\",\"Subject\":\"\",\"UUID\":\"u-")
                        .append(m.id()).append("\"}");
            }
            send(exchange, 200, "{\"Count\":" + page.size() + ",\"Data\":[" + data + "],\"Total\":" + all.size() + "}");
            return;
        }
        send(exchange, 404, "{\"ErrorMessage\":\"Object not found\",\"StatusCode\":404}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void answerHostile(HttpExchange exchange) throws IOException {
        switch (hostile) {
            case ENDLESS_PAGES -> {
                StringBuilder data = new StringBuilder();
                for (int i = 0; i < 1000; i++) {
                    data.append(i == 0 ? "" : ",").append("{\"ID\":").append(i).append(",\"Status\":\"sent\"}");
                }
                send(exchange, 200, "{\"Count\":1000,\"Data\":[" + data + "],\"Total\":1000000000}");
            }
            case HUGE_BODY -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write('[');
                    for (int i = 0; i < 40 * 16 && !closed; i++) {
                        out.write(chunk);
                    }
                } catch (IOException stoppedReading) {
                    // the client gave up, as it should
                }
            }
            case TRICKLE -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 600 && !closed; i++) {
                        out.write(i == 0 ? '{' : ' ');
                        out.flush();
                        // Paces the fake's body (5 min in all); the client's whole-answer deadline is what is tested.
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException stoppedReading) {
                    // the client gave up, as it should
                }
            }
            case HTML -> {
                byte[] page = "<!DOCTYPE html><html><head><title>Portail</title></head><body>Connexion</body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            }
            default -> throw new IllegalStateException(hostile.name());
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
    }
}

package bulletin.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server of the test suite's own, for what GreenMail cannot do: count connections,
 * answer RCPT per address, refuse at greeting, drop a connection in the middle of DATA. It
 * records every transaction it accepted (the end of DATA answered 250).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** What the server answers to one RCPT TO; null means 250. */
    private volatile Function<String, String> rcptReply = address -> null;
    private volatile String greeting = "220 scripted ESMTP";
    /** Drop the connection after this many accepted messages on it (0: never). */
    private volatile int dropAfterMessagesPerConnection;
    /** Drop the connection instead of answering the DATA command of this message (1-based, over the server's life). */
    private volatile int dropAtDataCommandOfMessage;
    /** Answer the DATA command of this message with {@link #dataReply} instead of 354. */
    private volatile int refuseDataOfMessage;
    private volatile String dataReply = "451 4.3.0 try again later";
    /** Drop the connection after reading the end of DATA of this message, before answering. */
    private volatile int dropBeforeAnsweringDataOfMessage;
    private volatile int dropBeforeAnsweringDataFrom;

    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dataCommands = new AtomicInteger();
    private final List<Transaction> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger authAttempts = new AtomicInteger();
    private final AtomicInteger tooManyRecipients = new AtomicInteger();
    private final AtomicInteger mailCommands = new AtomicInteger();
    private volatile String mailFromReply;
    private volatile SSLContext tls;
    private volatile int maxRecipients;
    private volatile java.util.function.IntConsumer beforeAnswer = n -> { };
    private volatile java.util.function.IntConsumer beforeGoAhead = n -> { };
    private volatile java.util.function.IntConsumer afterAnswer = n -> { };
    private volatile String username;
    private volatile String password;
    private volatile boolean pipelining;
    private volatile boolean holdingRepliesUntilData;
    private final AtomicInteger commandsAheadOfMailReply = new AtomicInteger();
    private volatile boolean goingAheadWithoutRecipients;
    private volatile String goAhead = "354 go ahead";
    private volatile java.util.function.IntFunction<String> endOfDataReply = n -> null;

    /**
     * A reply starting so is written one byte at a time (what follows the prefix), paced so that
     * the whole reply takes longer than a short read timeout although each byte comes in time.
     */
    public static final String TRICKLE = "TRICKLE:";
    /** A reply starting so is a line of hundreds of megabytes that never ends. */
    public static final String ENDLESS = "ENDLESS:";

    /** One message the server accepted: its envelope and its content. */
    public record Transaction(String mailFrom, List<String> recipients, String data) {
    }

    public ScriptedSmtpServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool.execute(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many DATA commands arrived, answered or not. */
    public int dataCommands() {
        return dataCommands.get();
    }

    public int connections() {
        return connections.get();
    }

    public List<Transaction> accepted() {
        return List.copyOf(accepted);
    }

    /** Every recipient of every accepted message, once per time it was accepted. */
    public List<String> acceptedRecipients() {
        List<String> all = new ArrayList<>();
        accepted.forEach(t -> all.addAll(t.recipients()));
        return all;
    }

    public ScriptedSmtpServer answeringRcpt(Function<String, String> reply) {
        this.rcptReply = reply;
        return this;
    }

    public ScriptedSmtpServer greeting(String greeting) {
        this.greeting = greeting;
        return this;
    }

    public ScriptedSmtpServer droppingAfterMessagesPerConnection(int messages) {
        this.dropAfterMessagesPerConnection = messages;
        return this;
    }

    public ScriptedSmtpServer droppingAtDataCommandOfMessage(int number) {
        this.dropAtDataCommandOfMessage = number;
        return this;
    }

    /** Every MAIL FROM is answered {@code reply} (e.g. 530 Authentication required). */
    public ScriptedSmtpServer answeringMailFrom(String reply) {
        this.mailFromReply = reply;
        return this;
    }

    /** How many MAIL FROM commands arrived. */
    public int mailCommands() {
        return mailCommands.get();
    }

    /** How many RCPT commands were answered 452 too many recipients. */
    public int tooManyRecipientsAnswers() {
        return tooManyRecipients.get();
    }

    /** RCPT beyond {@code max} in one transaction is answered 452, as relays capping recipients per message do. */
    public ScriptedSmtpServer limitingRecipientsPerTransaction(int max) {
        this.maxRecipients = max;
        return this;
    }

    /** Called with the message number once a message is received in full, before it is answered (e.g. to kill the client). */
    public ScriptedSmtpServer beforeAnsweringData(java.util.function.IntConsumer hook) {
        this.beforeAnswer = hook;
        return this;
    }

    /** Called with the message number when its DATA command arrives, before the 354 (nothing of it is sent yet). */
    public ScriptedSmtpServer beforeAnsweringDataCommand(java.util.function.IntConsumer hook) {
        this.beforeGoAhead = hook;
        return this;
    }

    /** Called with the message number right after the 250 for it was written. */
    public ScriptedSmtpServer afterAnsweringData(java.util.function.IntConsumer hook) {
        this.afterAnswer = hook;
        return this;
    }

    /** Every DATA command from now on is answered {@code reply}. */
    public ScriptedSmtpServer refusingEveryData(String reply) {
        this.refuseDataOfMessage = -1;
        this.dataReply = reply;
        return this;
    }

    public ScriptedSmtpServer refusingDataOfMessage(int number, String reply) {
        this.refuseDataOfMessage = number;
        this.dataReply = reply;
        return this;
    }

    public ScriptedSmtpServer droppingBeforeAnsweringDataOfMessage(int number) {
        this.dropBeforeAnsweringDataOfMessage = number;
        return this;
    }

    /** Drop the connection before answering the end of DATA of this message and of every one after it. */
    public ScriptedSmtpServer droppingBeforeAnsweringDataFrom(int number) {
        this.dropBeforeAnsweringDataFrom = number;
        return this;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                pool.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            Socket socket = client;
            BufferedReader in = reader(socket);
            Replies replies = new Replies(socket.getOutputStream());
            replies.send(greeting);
            if (!greeting.startsWith("220")) {
                socket.close();
                return;
            }
            boolean secure = false;
            String mailFrom = null;
            List<String> recipients = new ArrayList<>();
            int messagesOnConnection = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    StringBuilder ehlo = new StringBuilder("250-scripted\r\n");
                    if (tls != null && !secure) {
                        ehlo.append("250-STARTTLS\r\n");
                    }
                    if (password != null && (secure || tls == null)) {
                        ehlo.append("250-AUTH PLAIN\r\n");
                    }
                    if (pipelining) {
                        ehlo.append("250-PIPELINING\r\n");
                    }
                    replies.send(ehlo.append("250 8BITMIME").toString());
                } else if (upper.equals("STARTTLS") && tls != null && !secure) {
                    replies.send("220 2.0.0 ready to start TLS");
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    socket = ssl;
                    in = reader(socket);
                    replies = new Replies(socket.getOutputStream());
                    secure = true;
                } else if (upper.startsWith("AUTH PLAIN")) {
                    authAttempts.incrementAndGet();
                    String encoded = line.length() > 11 ? line.substring(11).trim() : "";
                    if (encoded.isEmpty()) {
                        replies.send("334 ");
                        encoded = in.readLine();
                    }
                    String[] parts = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split("\0");
                    boolean ok = parts.length == 3 && parts[1].equals(username) && parts[2].equals(password);
                    replies.send(ok ? "235 2.7.0 authenticated" : "535 5.7.8 authentication failed");
                } else if (upper.startsWith("MAIL FROM:")) {
                    mailCommands.incrementAndGet();
                    if (in.ready()) {
                        commandsAheadOfMailReply.incrementAndGet(); // written before this reply: pipelined
                    }
                    replies.holding = holdingRepliesUntilData;
                    if (mailFromReply != null) {
                        replies.send(mailFromReply);
                        continue;
                    }
                    mailFrom = address(line);
                    recipients.clear();
                    replies.send("250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:") && mailFrom == null) {
                    replies.send("503 5.5.1 Error: need MAIL command");
                } else if (upper.startsWith("RCPT TO:")) {
                    String address = address(line);
                    boolean overCap = maxRecipients > 0 && recipients.size() >= maxRecipients;
                    if (overCap) {
                        tooManyRecipients.incrementAndGet();
                    }
                    String answer = overCap ? "452 4.5.3 too many recipients" : rcptReply.apply(address);
                    if (answer == null) {
                        recipients.add(address);
                        replies.send("250 2.1.5 ok");
                    } else {
                        replies.send(answer);
                    }
                } else if (upper.equals("DATA") && recipients.isEmpty() && !goingAheadWithoutRecipients) {
                    // As Postfix answers (RFC 2920: a pipelined DATA after every RCPT failed is refused).
                    replies.send(mailFrom == null ? "503 5.5.1 Error: need MAIL command" : "554 5.5.1 Error: no valid recipients");
                    replies.release();
                } else if (upper.equals("DATA")) {
                    int number = dataCommands.incrementAndGet();
                    if (number == dropAtDataCommandOfMessage) {
                        socket.close();
                        return;
                    }
                    if (number == refuseDataOfMessage || refuseDataOfMessage == -1) {
                        replies.send(dataReply);
                        replies.release();
                        continue;
                    }
                    beforeGoAhead.accept(number);
                    replies.send(goAhead);
                    replies.release();
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                    }
                    if (dataLine == null) {
                        socket.close(); // the client went away before the end of data: a real server discards it
                        return;
                    }
                    String scripted = endOfDataReply.apply(number);
                    if (scripted != null && !scripted.startsWith(TRICKLE) && !scripted.startsWith(ENDLESS)) {
                        mailFrom = null;
                        replies.send(scripted); // refused after the body: nobody received it
                        continue;
                    }
                    if (scripted != null) {
                        // Taken, but the answer never arrives whole: the client cannot know it was delivered.
                        accepted.add(new Transaction(mailFrom, List.copyOf(recipients), data.toString()));
                        mailFrom = null;
                        replies.send(scripted);
                        continue;
                    }
                    // Received in full: recorded as delivered even when the answer is then lost.
                    accepted.add(new Transaction(mailFrom, List.copyOf(recipients), data.toString()));
                    beforeAnswer.accept(number);
                    if (number == dropBeforeAnsweringDataOfMessage
                            || (dropBeforeAnsweringDataFrom > 0 && number >= dropBeforeAnsweringDataFrom)) {
                        socket.close();
                        return;
                    }
                    mailFrom = null;
                    replies.send("250 2.0.0 queued as " + number);
                    afterAnswer.accept(number);
                    messagesOnConnection++;
                    if (dropAfterMessagesPerConnection > 0 && messagesOnConnection >= dropAfterMessagesPerConnection) {
                        socket.close();
                        return;
                    }
                } else if (upper.equals("RSET")) {
                    recipients.clear();
                    mailFrom = null;
                    replies.release();
                    replies.send("250 2.0.0 reset");
                } else if (upper.equals("NOOP")) {
                    replies.send("250 2.0.0 ok");
                } else if (upper.equals("QUIT")) {
                    replies.release();
                    replies.send("221 2.0.0 bye");
                    socket.close();
                    return;
                } else {
                    replies.send("502 5.5.2 not implemented");
                }
            }
            socket.close();
        } catch (SocketException | javax.net.ssl.SSLException e) {
            // the client went away, or refused our certificate
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The replies of one connection. While {@code holding} (from MAIL FROM, with
     * {@link #holdingRepliesUntilData}), they are kept until DATA arrives: only a client that
     * pipelines gets past MAIL FROM.
     */
    private static final class Replies {
        private final OutputStream out;
        private final StringBuilder held = new StringBuilder();
        boolean holding;

        Replies(OutputStream out) {
            this.out = out;
        }

        void send(String text) throws IOException {
            if (text.startsWith(TRICKLE) || text.startsWith(ENDLESS)) {
                hostile(out, text);
            } else if (holding) {
                held.append(text).append("\r\n");
            } else {
                reply(out, text);
            }
        }

        void release() throws IOException {
            holding = false;
            if (held.length() > 0) {
                out.write(held.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                held.setLength(0);
            }
        }
    }

    private static void hostile(OutputStream out, String text) throws IOException {
        if (text.startsWith(ENDLESS)) {
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            out.write("250 ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100_000; i++) { // 800 MB, never a line break: the client must cut it
                out.write(chunk);
            }
            return;
        }
        for (byte b : (text.substring(TRICKLE.length()) + "\r\n").getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            try {
                // Paces the bytes (what is under test is the client's deadline for the whole reply, not this wait):
                // a busy machine only spaces them more, and the reply still cannot arrive whole in time.
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SocketException("closing");
            }
        }
    }

    /** DATA is answered 354 even when no recipient was accepted (a broken relay: Postfix answers 554). */
    public ScriptedSmtpServer goingAheadWithoutRecipients() {
        this.goingAheadWithoutRecipients = true;
        return this;
    }

    /** DATA is answered {@code reply} instead of "354 go ahead" (several lines, e.g. 354 and an early 250, may be given). */
    public ScriptedSmtpServer answeringDataCommandWith(String reply) {
        this.goAhead = reply;
        return this;
    }

    /**
     * The end of data of message N is answered {@code reply(N)}: a refusal keeps nothing, a
     * {@link #TRICKLE} or {@link #ENDLESS} reply keeps the message (its answer never arrives whole);
     * null keeps it and answers 250.
     */
    public ScriptedSmtpServer answeringEndOfDataWith(java.util.function.IntFunction<String> reply) {
        this.endOfDataReply = reply;
        return this;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Advertises PIPELINING (RFC 2920) in its EHLO reply. */
    public ScriptedSmtpServer advertisingPipelining() {
        this.pipelining = true;
        return this;
    }

    /**
     * Advertises PIPELINING and answers MAIL FROM and RCPT TO only once DATA has arrived: a client
     * that waits for each reply never gets past MAIL FROM.
     */
    public ScriptedSmtpServer holdingRepliesUntilData() {
        this.pipelining = true;
        this.holdingRepliesUntilData = true;
        return this;
    }

    /** How many MAIL FROM commands had more commands behind them before the server answered. */
    public int commandsAheadOfMailReply() {
        return commandsAheadOfMailReply.get();
    }

    /** Offers STARTTLS with this server certificate. */
    public ScriptedSmtpServer withTls(SSLContext context) {
        this.tls = context;
        return this;
    }

    /** Offers AUTH PLAIN (after STARTTLS when TLS is offered) and accepts only these credentials. */
    public ScriptedSmtpServer withCredentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public int authAttempts() {
        return authAttempts.get();
    }

    private static String address(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open);
        return open >= 0 && close > open ? command.substring(open + 1, close) : command.substring(command.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        pool.shutdownNow();
    }

    public List<String> distinctRecipients() {
        List<String> all = new ArrayList<>(new java.util.TreeSet<>(acceptedRecipients()));
        return Collections.unmodifiableList(all);
    }
}

package bulletin.tls;

import bulletin.text.Sentence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS sockets that trust the JDK's certificate authorities plus one more certificate (a private
 * server's, or a test server's): checks stay on, host names are still verified. Relays and
 * mailboxes use the same, so that their checks are equally strict.
 */
public final class TrustedSockets {

    private TrustedSockets() {
    }

    public static SSLSocketFactory trusting(Path certificateFile) {
        try {
            X509TrustManager system = trustManager(null);
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int n = 0;
            for (X509Certificate certificate : certificates(certificateFile)) {
                extra.setCertificateEntry("extra-" + n++, certificate);
            }
            if (n == 0) {
                throw new CertificateProblem(Sentence.of("tls.no-certificate", certificateFile));
            }
            X509TrustManager added = trustManager(extra);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Either(system, added)}, null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new CertificateProblem(Sentence.of("tls.unreadable", certificateFile, e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new CertificateProblem(Sentence.of("tls.unusable", certificateFile, e.getMessage()));
        }
    }

    /**
     * Checks a certificate to trust before anything is sent: readable, a certificate, and valid
     * today. Java does not check a trust anchor's dates, so without this an expired pinned
     * certificate would be trusted for ever.
     *
     * @param owner   what uses it, for the message: "relay 'mailjet'"
     * @param setting where it is configured: "bulletin.relays.mailjet.trust-certificate"
     */
    public static void check(Path certificateFile, Sentence owner, String setting) {
        if (!Files.isRegularFile(certificateFile) || !Files.isReadable(certificateFile)) {
            throw new CertificateProblem(Sentence.of("tls.not-readable-file", owner, certificateFile, setting));
        }
        List<X509Certificate> all;
        try {
            all = certificates(certificateFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateProblem(Sentence.of("tls.not-certificate", owner, certificateFile, setting));
        }
        if (all.isEmpty()) {
            throw new CertificateProblem(Sentence.of("tls.no-certificate", certificateFile));
        }
        Date now = new Date();
        for (X509Certificate certificate : all) {
            if (now.after(certificate.getNotAfter()) || now.before(certificate.getNotBefore())) {
                throw new CertificateProblem(Sentence.of(now.after(certificate.getNotAfter()) ? "tls.pinned-expired"
                        : "tls.pinned-not-yet-valid", owner, certificateFile, day(certificate.getNotBefore()),
                        day(certificate.getNotAfter())));
            }
        }
    }

    private static String day(Date date) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date.toInstant().atZone(ZoneOffset.UTC));
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> all = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                all.add((X509Certificate) certificate);
            }
        }
        return all;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a chain that either manager trusts. */
    private record Either(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }
}

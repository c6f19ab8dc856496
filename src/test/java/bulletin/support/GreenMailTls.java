package bulletin.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The certificate of every GreenMail TLS server in the suite. GreenMail reads its key store from
 * system properties once per JVM, so all its servers share one: made here for localhost and
 * 127.0.0.1, and pinned by the tests with trust-certificate, host names still verified.
 */
public final class GreenMailTls {

    private static TestCertificate certificate;

    private GreenMailTls() {
    }

    /** Call before the first GreenMail TLS server of the JVM starts. */
    public static synchronized TestCertificate certificate() {
        if (certificate == null) {
            try {
                Path directory = Files.createDirectories(Path.of("target", "test-tls", "greenmail"));
                certificate = TestCertificate.create(directory, "localhost");
            } catch (Exception e) {
                throw new IllegalStateException("cannot make GreenMail's certificate", e);
            }
            System.setProperty("greenmail.tls.keystore.file", certificate.keystore().toAbsolutePath().toString());
            System.setProperty("greenmail.tls.keystore.password", TestCertificate.PASSWORD);
            System.setProperty("greenmail.tls.key.password", TestCertificate.PASSWORD);
        }
        return certificate;
    }
}

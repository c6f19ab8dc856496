package bulletin.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server certificate for 127.0.0.1 and localhost, made with the JDK's keytool for the test
 * run: a real certificate chain and host name check, with nothing turned off.
 */
public final class TestCertificate {

    public static final String PASSWORD = "changeit";

    private final Path keystore;
    private final Path pem;

    private TestCertificate(Path keystore, Path pem) {
        this.keystore = keystore;
        this.pem = pem;
    }

    public static TestCertificate create(Path directory, String hostName) throws Exception {
        return create(directory, hostName, "SAN=dns:" + hostName + ",ip:127.0.0.1", null);
    }

    /** A certificate for {@code hostName} and 127.0.0.1 that expired: valid for 3 days, a year ago. */
    public static TestCertificate expired(Path directory, String hostName) throws Exception {
        return create(directory, hostName, "SAN=dns:" + hostName + ",ip:127.0.0.1", "-1y");
    }

    /** A certificate for {@code hostName} only: 127.0.0.1 does not match it. */
    public static TestCertificate forOtherHost(Path directory, String hostName) throws Exception {
        return create(directory, hostName, "SAN=dns:" + hostName, null);
    }

    private static TestCertificate create(Path directory, String hostName, String san, String startDate) throws Exception {
        Files.createDirectories(directory);
        Path keystore = directory.resolve(hostName + ".p12");
        Path pem = directory.resolve(hostName + ".pem");
        Files.deleteIfExists(keystore);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> generate = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "3", "-dname", "CN=" + hostName, "-ext", san, "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (startDate != null) {
            generate.addAll(List.of("-startdate", startDate));
        }
        run(generate);
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-file", pem.toString()));
        return new TestCertificate(keystore, pem);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    public Path keystore() {
        return keystore;
    }

    /** The certificate alone, as a relay profile's trust-certificate file. */
    public Path pem() {
        return pem;
    }

    public SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}

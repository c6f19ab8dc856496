package bulletin;

import bulletin.database.DatabaseServer;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Boot entry point only: the command line (package {@code cli}) decides what runs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BulletinApplication {

    public static void main(String[] args) throws Exception {
        // The database server that Bulletin starts for itself runs from the same jar, without Spring.
        if (args.length > 0 && args[0].equals("--database-server")) {
            DatabaseServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(SpringApplication.exit(SpringApplication.run(BulletinApplication.class, args)));
    }
}

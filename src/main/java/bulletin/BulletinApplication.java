package bulletin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Boot entry point only: the command line (package {@code cli}) decides what runs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BulletinApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(BulletinApplication.class, args)));
    }
}

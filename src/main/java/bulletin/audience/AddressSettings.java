package bulletin.audience;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How addresses are compared, {@code bulletin.addresses.*}.
 *
 * @param caseSensitiveDomains domains whose mail system tells {@code Ann@} from {@code ann@}: their
 *                             local parts keep their case when addresses are compared (none by default)
 */
@ConfigurationProperties("bulletin.addresses")
public record AddressSettings(@DefaultValue List<String> caseSensitiveDomains) {

    @Configuration(proxyBeanMethods = false)
    static class Keys {
        @Bean
        AddressKeys addressKeys(AddressSettings settings) {
            return new AddressKeys(settings.caseSensitiveDomains());
        }
    }
}

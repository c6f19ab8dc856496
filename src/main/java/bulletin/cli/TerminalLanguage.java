package bulletin.cli;

import bulletin.campaign.Locality;
import bulletin.text.TerminalWords;
import bulletin.text.Words;
import org.springframework.stereotype.Component;

/** The terminal's words in {@code bulletin.locale}'s language, for the commands to print with. */
@Component
class TerminalLanguage {

    private final Words words;

    TerminalLanguage(Locality locality) {
        this.words = TerminalWords.in(locality.locale());
    }

    Words words() {
        return words;
    }
}

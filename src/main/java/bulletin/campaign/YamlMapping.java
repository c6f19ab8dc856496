package bulletin.campaign;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read strictly, keeping line numbers: unknown keys, missing keys and wrong
 * types are errors that name the file, the line and the key. SnakeYAML's node API is used
 * instead of binding to objects so that every error can point at its line.
 */
final class YamlMapping {

    private final Path file;
    private final int line;
    private final Map<String, Node> entries = new LinkedHashMap<>();

    private YamlMapping(Path file, MappingNode node) {
        this.file = file;
        this.line = lineOf(node);
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new CampaignFileException(file, lineOf(tuple.getKeyNode()), "a key must be a plain word");
            }
            Node earlier = entries.put(key.getValue(), tuple.getValueNode());
            if (earlier != null) {
                throw new CampaignFileException(file, lineOf(key), "key '" + key.getValue()
                        + "' is given twice (first on line " + lineOf(earlier) + "); keep one");
            }
        }
    }

    static YamlMapping read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(10);
        Node root;
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder())) {
            root = new Yaml(options).compose(reader);
        } catch (NoSuchFileException e) {
            throw new CampaignFileException(file, 0, "no such file; check the path (relative paths start at the Bulletin home)");
        } catch (CharacterCodingException e) {
            throw new CampaignFileException(file, 0, "not valid UTF-8; save the file as UTF-8");
        } catch (MarkedYAMLException e) {
            int at = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new CampaignFileException(file, at, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new CampaignFileException(file, 0, "not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new CampaignFileException(file, 0, "cannot be read: " + e.getMessage());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new CampaignFileException(file, root == null ? 0 : lineOf(root),
                    "expected a mapping of keys (name:, from:, subject:, ...)");
        }
        return new YamlMapping(file, mapping);
    }

    Path file() {
        return file;
    }

    /** Fails on the first key that is not one of {@code known}. */
    void allowOnly(Set<String> known) {
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new CampaignFileException(file, lineOf(entry.getValue()),
                        "unknown key '" + entry.getKey() + "'; known keys: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    int lineOf(String key) {
        Node node = entries.get(key);
        return node == null ? line : lineOf(node);
    }

    String requiredString(String key) {
        Node node = entries.get(key);
        if (node == null) {
            throw new CampaignFileException(file, line, "missing required key '" + key + "'");
        }
        String value = scalar(key, node);
        if (value.isBlank()) {
            throw new CampaignFileException(file, lineOf(node), "'" + key + "' is empty");
        }
        return value;
    }

    String optionalString(String key, String fallback) {
        Node node = entries.get(key);
        return node == null ? fallback : scalar(key, node);
    }

    int optionalInt(String key, int fallback, int min, int max) {
        Node node = entries.get(key);
        if (node == null) {
            return fallback;
        }
        String text = scalar(key, node);
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new CampaignFileException(file, lineOf(node), "'" + key + "' must be a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new CampaignFileException(file, lineOf(node),
                    "'" + key + "' must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** A non-empty list of strings; each element comes with its line. */
    List<Located<String>> requiredStringList(String key) {
        Node node = entries.get(key);
        if (node == null) {
            throw new CampaignFileException(file, line, "missing required key '" + key + "'");
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw new CampaignFileException(file, lineOf(node), "'" + key + "' must be a list (lines starting with '- ')");
        }
        List<Located<String>> values = new ArrayList<>();
        for (Node element : sequence.getValue()) {
            values.add(new Located<>(scalar(key, element), lineOf(element)));
        }
        if (values.isEmpty()) {
            throw new CampaignFileException(file, lineOf(node), "'" + key + "' is an empty list");
        }
        return values;
    }

    /** A mapping of names to plain values (text, numbers, booleans), kept as text. */
    Map<String, String> optionalStringMap(String key) {
        Node node = entries.get(key);
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new CampaignFileException(file, lineOf(node), "'" + key + "' must be a mapping of names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalar(key, tuple.getKeyNode());
            values.put(name, scalar(key + "." + name, tuple.getValueNode()));
        }
        return values;
    }

    private String scalar(String key, Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new CampaignFileException(file, lineOf(node), "'" + key + "' must be a single value, not a "
                + (node instanceof SequenceNode ? "list" : "mapping"));
    }

    private static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** A value and the line it stands on. */
    record Located<T>(T value, int line) {
    }
}

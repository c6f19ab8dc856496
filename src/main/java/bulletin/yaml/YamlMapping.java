package bulletin.yaml;

import bulletin.problem.FileNames;
import bulletin.text.Sentence;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * A YAML mapping read strictly, keeping line numbers: unknown keys, repeated keys, missing keys
 * and wrong types are errors that name the file, the line and the key. SnakeYAML's node API is
 * used instead of binding to objects so that every error can point at its line.
 */
public final class YamlMapping {

    private final Path file;
    private final int line;
    private final Map<String, Node> entries = new LinkedHashMap<>();
    private final Map<String, Integer> keyLines = new LinkedHashMap<>();

    private YamlMapping(Path file, MappingNode node) {
        this.file = file;
        this.line = lineOf(node);
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlFileException(file, lineOf(tuple.getKeyNode()), Sentence.of("yaml.plain-key"));
            }
            keyLines.putIfAbsent(key.getValue(), lineOf(key));
            Node earlier = entries.put(key.getValue(), tuple.getValueNode());
            if (earlier != null) {
                throw new YamlFileException(file, lineOf(key), Sentence.of("yaml.twice", key.getValue(), lineOf(earlier)));
            }
        }
    }

    public static YamlMapping read(Path file) {
        return read(file, FileNames.AS_GIVEN);
    }

    /** Reads {@code file}; its errors name it as {@code names} shows it (relative to the home). */
    public static YamlMapping read(Path path, FileNames names) {
        Path file = names.shown(path);
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(10);
        Node root;
        try (Reader reader = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder())) {
            root = new Yaml(options).compose(reader);
        } catch (NoSuchFileException e) {
            throw new YamlFileException(file, 0, Sentence.of("yaml.no-file"));
        } catch (CharacterCodingException e) {
            throw new YamlFileException(file, 0, Sentence.of("yaml.not-utf8"));
        } catch (MarkedYAMLException e) {
            int at = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new YamlFileException(file, at, Sentence.of("yaml.invalid", e.getProblem()));
        } catch (YAMLException e) {
            throw new YamlFileException(file, 0, Sentence.of("yaml.invalid", e.getMessage()));
        } catch (IOException e) {
            throw new YamlFileException(file, 0, Sentence.of("yaml.unreadable", e.getMessage()));
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new YamlFileException(file, root == null ? 0 : lineOf(root), Sentence.of("yaml.not-mapping"));
        }
        return new YamlMapping(file, mapping);
    }

    /** The file as its errors name it. */
    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** Fails on the first key that is not one of {@code known}. */
    public void allowOnly(Set<String> known) {
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new YamlFileException(file, keyLines.get(entry.getKey()),
                        Sentence.of("yaml.unknown-key", entry.getKey(), String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value of a key that is present ({@link #has}), with its line, for errors that point at it. */
    public Value value(String key) {
        Node node = entries.get(key);
        if (node == null) {
            throw new YamlFileException(file, line, Sentence.of("yaml.missing-key", key));
        }
        return new Value(file, key, node);
    }

    public int lineOf(String key) {
        Node node = entries.get(key);
        return node == null ? line : lineOf(node);
    }

    /** An error about a key, in the terminal's words. */
    public YamlFileException error(String key, Sentence problem) {
        return new YamlFileException(file, lineOf(key), problem);
    }

    public String requiredString(String key) {
        Node node = entries.get(key);
        if (node == null) {
            throw new YamlFileException(file, line, Sentence.of("yaml.missing-key", key));
        }
        String value = new Value(file, key, node).asString();
        if (value.isBlank()) {
            throw new YamlFileException(file, lineOf(node), Sentence.of("yaml.empty", key));
        }
        return value;
    }

    public String optionalString(String key, String fallback) {
        Node node = entries.get(key);
        return node == null ? fallback : new Value(file, key, node).asString();
    }

    public int optionalInt(String key, int fallback, int min, int max) {
        Node node = entries.get(key);
        if (node == null) {
            return fallback;
        }
        String text = new Value(file, key, node).asString();
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new YamlFileException(file, lineOf(node), Sentence.of("yaml.not-number", key, text));
        }
        if (value < min || value > max) {
            throw new YamlFileException(file, lineOf(node),
                    Sentence.of("yaml.out-of-range", key, min, max, value));
        }
        return value;
    }

    /** A list, each element a {@link Value} with its line; {@code required} lists must not be empty. */
    public List<Value> list(String key, boolean required) {
        Node node = entries.get(key);
        if (node == null) {
            if (required) {
                throw new YamlFileException(file, line, Sentence.of("yaml.missing-key", key));
            }
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw new YamlFileException(file, lineOf(node), Sentence.of("yaml.not-list", key));
        }
        List<Value> values = new ArrayList<>();
        for (Node element : sequence.getValue()) {
            values.add(new Value(file, key, element));
        }
        if (values.isEmpty() && required) {
            throw new YamlFileException(file, lineOf(node), Sentence.of("yaml.empty-list", key));
        }
        return values;
    }

    /** A mapping of names to plain values (text, numbers, booleans), kept as text. */
    public Map<String, String> optionalStringMap(String key) {
        Node node = entries.get(key);
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new YamlFileException(file, lineOf(node), Sentence.of("yaml.not-name-map", key));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = new Value(file, key, tuple.getKeyNode()).asString();
            values.put(name, new Value(file, key + "." + name, tuple.getValueNode()).asString());
        }
        return values;
    }

    private static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** One value of a file, with the key it belongs to and its line, for errors that point at it. */
    public static final class Value {
        private final Path file;
        private final String key;
        private final Node node;

        Value(Path file, String key, Node node) {
            this.file = file;
            this.key = key;
            this.node = node;
        }

        public int line() {
            return lineOf(node);
        }

        /** An error about this value: its file and line, then the problem. */
        public YamlFileException error(Sentence problem) {
            return new YamlFileException(file, lineOf(node), problem);
        }

        public boolean isMapping() {
            return node instanceof MappingNode;
        }

        public String asString() {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            throw new YamlFileException(file, lineOf(node), Sentence.of(node instanceof SequenceNode
                    ? "yaml.single-not-list" : "yaml.single-not-mapping", key));
        }

        public YamlMapping asMapping() {
            if (node instanceof MappingNode mapping) {
                return new YamlMapping(file, mapping);
            }
            throw new YamlFileException(file, lineOf(node), Sentence.of("yaml.not-key-map", key));
        }
    }
}

package bulletin.audience;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Which deduplication keys a run has already staged, and at which row. Kept in memory as a
 * table of 64-bit hashes (about 24 bytes a recipient, so a million fit in a small heap), because
 * a database index over a million random keys makes every insert a disk read. A hash match is
 * confirmed against the row it points to, so two keys that share a hash are never confused.
 */
final class SeenAddresses {

    private static final int EMPTY = 0;

    private final IntFunction<String> keyOfRow;
    private final ToLongFunction<String> hasher;
    private long[] hashes = new long[1 << 12];
    private int[] rows = new int[1 << 12];
    private int size;
    /** Keys whose hash was already taken by another key: rare, so a plain map. */
    private final Map<String, Integer> collisions = new HashMap<>();

    /** @param keyOfRow the key of a row recorded earlier, to confirm a hash match (rows are numbered from 1) */
    SeenAddresses(IntFunction<String> keyOfRow) {
        this(keyOfRow, SeenAddresses::hash);
    }

    /** With another hash function: tests use a poor one to make collisions happen. */
    SeenAddresses(IntFunction<String> keyOfRow, ToLongFunction<String> hasher) {
        this.keyOfRow = keyOfRow;
        this.hasher = hasher;
    }

    /**
     * @return the row first staged with this key, or 0 when the key is new (and is now recorded as {@code row}'s)
     */
    int firstRowOrRecord(String key, int row) {
        long hash = hasher.applyAsLong(key);
        int mask = hashes.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (rows[slot] != EMPTY) {
            if (hashes[slot] == hash) {
                int earlier = rows[slot];
                if (key.equals(keyOfRow.apply(earlier))) {
                    return earlier;
                }
                Integer collided = collisions.putIfAbsent(key, row);
                return collided == null ? 0 : collided;
            }
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        rows[slot] = row;
        if (++size * 2 > hashes.length) {
            grow();
        }
        return 0;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldRows = rows;
        hashes = new long[oldHashes.length * 2];
        rows = new int[oldRows.length * 2];
        int mask = hashes.length - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldRows[i] != EMPTY) {
                int slot = (int) (oldHashes[i] ^ (oldHashes[i] >>> 32)) & mask;
                while (rows[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                rows[slot] = oldRows[i];
            }
        }
    }

    /** FNV-1a over the key's characters, then a SplitMix64 finaliser to spread the bits. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}

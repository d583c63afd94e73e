package io.pitaya.protocol.fuzz;

import io.pitaya.protocol.Hex;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inputs for the fuzz properties: mutations of a checked-in seed corpus ({@code src/test/resources/fuzz/NAME.hex},
 * one input per line in hex, {@code #} comments) mixed with plain random bytes. The seeds are real protocol
 * traffic, so mutations reach deep into the parsers instead of failing on the first byte.
 */
public final class FuzzInputs {

    private FuzzInputs() {
    }

    /** The seeds of one corpus, unchanged. */
    public static List<byte[]> seeds(String corpus) {
        String resource = "/fuzz/" + corpus + ".hex";
        try (InputStream in = FuzzInputs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no seed corpus " + resource);
            }
            List<byte[]> seeds = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String hex = line.strip();
                if (!hex.isEmpty() && !hex.startsWith("#")) {
                    seeds.add(Hex.bytes(hex));
                }
            }
            return List.copyOf(seeds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mostly mutated seeds, sometimes random bytes, up to {@code maxLength} bytes. */
    public static Arbitrary<byte[]> mutatedOrRandom(String corpus, int maxLength) {
        List<byte[]> seeds = seeds(corpus);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
        Arbitrary<byte[]> mutated = Combinators.combine(
                Arbitraries.of(seeds), Arbitraries.of(seeds),
                Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
                .as((seed, other, ops, position, noise) -> mutate(seed, other, ops, position, noise, maxLength));
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(1, Arbitraries.of(seeds)), Tuple.of(6, mutated));
    }

    /** Applies a few byte-level mutations, as coverage-guided fuzzers do. */
    static byte[] mutate(byte[] seed, byte[] other, List<Integer> ops, int position, byte[] noise, int maxLength) {
        byte[] b = seed.clone();
        int pos = position;
        for (int op : ops) {
            int at = b.length == 0 ? 0 : Math.floorMod(pos, b.length);
            pos = pos * 31 + 7;
            b = switch (op) {
                case 0 -> flip(b, at, noise[0]);                                    // change one byte
                case 1 -> concat(Arrays.copyOf(b, at), noise, Arrays.copyOfRange(b, at, b.length)); // insert
                case 2 -> Arrays.copyOf(b, at);                                      // truncate
                case 3 -> concat(b, other);                                          // splice two seeds
                case 4 -> concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length, at + noise.length), b.length)); // delete
                default -> overwrite(b, at, noise);                                  // overwrite a run
            };
        }
        return b.length > maxLength ? Arrays.copyOf(b, maxLength) : b;
    }

    private static byte[] flip(byte[] b, int at, byte value) {
        if (b.length > 0) {
            b[at] ^= value == 0 ? 1 : value;
        }
        return b;
    }

    private static byte[] overwrite(byte[] b, int at, byte[] noise) {
        for (int i = 0; i < noise.length && at + i < b.length; i++) {
            b[at + i] = noise[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        return Hex.concat(parts);
    }
}

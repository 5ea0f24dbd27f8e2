package org.meridian.scenario.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The names an expression may use where it is compiled: scalars and vectors with the frame slots
 * that hold them, names that exist but may not be used here (with the reason), and the index sets
 * that {@code sum(i in set, …)} ranges over. Slots in {@code constants} hold the same value in
 * every sample (a scenario's certain cells and what follows from them): the compiler reads them as
 * numbers and folds them, so per-sample work is left only where something is uncertain.
 */
public record Scope(Map<String, Symbol> symbols, Map<String, List<String>> indexSets, Map<Integer, Double> constants) {
    public Scope {
        symbols = Map.copyOf(requireNonNull(symbols, "symbols is null"));
        indexSets = Map.copyOf(requireNonNull(indexSets, "indexSets is null"));
        constants = Map.copyOf(requireNonNull(constants, "constants is null"));
    }

    /** A scope where no slot is known to be constant. */
    public Scope(Map<String, Symbol> symbols, Map<String, List<String>> indexSets) {
        this(symbols, indexSets, Map.of());
    }

    public sealed interface Symbol {
        /** One number per sample, held in {@code slot}. */
        record Scalar(int slot) implements Symbol {
        }

        /**
         * One number per element of an index set, per sample.
         *
         * @param indexSet the set the vector is indexed by (several vectors may share one)
         * @param names the element names in offset order
         * @param slots the slot of each element, in offset order
         */
        record Vector(String indexSet, List<String> names, List<Integer> slots) implements Symbol {
            public Vector {
                requireNonNull(indexSet, "indexSet is null");
                names = List.copyOf(requireNonNull(names, "names is null"));
                slots = List.copyOf(requireNonNull(slots, "slots is null"));
                if (names.size() != slots.size()) {
                    throw new IllegalArgumentException("one slot per name: " + names + " vs " + slots);
                }
            }
        }

        /** A name the model knows but this place may not use; {@code reason} says why. */
        record Unavailable(String reason) implements Symbol {
            public Unavailable {
                requireNonNull(reason, "reason is null");
            }
        }
    }
}

package org.meridian.scenario.model;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The index sets of a technology; an element's offset is its position in its list. */
public record Indices(Map<IndexKind, List<Index>> sets) {
    public Indices {
        requireNonNull(sets, "sets is null");
        EnumMap<IndexKind, List<Index>> copy = new EnumMap<>(IndexKind.class);
        for (IndexKind kind : IndexKind.values()) {
            List<Index> indices = List.copyOf(sets.getOrDefault(kind, List.of()));
            Set<String> names = new HashSet<>();
            for (Index index : indices) {
                if (!names.add(index.name())) {
                    throw new IllegalArgumentException(kind.key() + " index '" + index.name() + "' appears twice");
                }
            }
            copy.put(kind, indices);
        }
        if (copy.get(IndexKind.OUTPUT).isEmpty() || copy.get(IndexKind.METRIC).isEmpty()) {
            throw new IllegalArgumentException("a technology needs at least one output and one metric");
        }
        sets = Map.copyOf(copy);
    }

    public List<Index> of(IndexKind kind) {
        return sets.get(kind);
    }

    public List<String> names(IndexKind kind) {
        return sets.get(kind).stream().map(Index::name).toList();
    }

    public int size(IndexKind kind) {
        return sets.get(kind).size();
    }
}

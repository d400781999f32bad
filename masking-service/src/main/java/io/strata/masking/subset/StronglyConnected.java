package io.strata.masking.subset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Strongly connected components of a directed graph, by Tarjan's algorithm.
 *
 * <p>
 * The walk is iterative rather than recursive: a schema can hold a chain of thousands of tables, and a recursive walk
 * would be as deep as the chain. Components come out in Tarjan's natural order, which is a reverse topological order
 * of the graph of components: a component comes after every component it has an edge into. With edges from a child
 * table to the table it references, parents come first.
 */
public final class StronglyConnected {

    private StronglyConnected() {
    }

    /**
     * The strongly connected components of a graph.
     *
     * @param nodes every node of the graph, each once
     * @param successors the nodes a node has an edge to; each must be one of {@code nodes}
     * @return the components, each listing its nodes in the order of {@code nodes}; a component comes after every
     *         component it has an edge into (sinks first)
     * @throws IllegalArgumentException when a successor is not one of {@code nodes}
     */
    public static <T> List<List<T>> components(Collection<T> nodes, Function<T, ? extends Collection<T>> successors) {
        return new Walk<>(nodes, successors).run();
    }

    /**
     * Whether a component is a cycle: more than one node, or a single node with an edge to itself.
     *
     * @param component a component returned by {@link #components}
     * @param successors the same successor function
     */
    public static <T> boolean isCycle(List<T> component, Function<T, ? extends Collection<T>> successors) {
        return component.size() > 1 || successors.apply(component.get(0)).contains(component.get(0));
    }

    /** One run of the algorithm: the index and low-link of every node visited, the stack of open nodes. */
    private static final class Walk<T> {

        private final Map<T, Integer> position = new HashMap<>();
        private final Function<T, ? extends Collection<T>> successors;
        private final Map<T, Integer> index = new HashMap<>();
        private final Map<T, Integer> lowLink = new HashMap<>();
        private final Deque<T> open = new ArrayDeque<>();
        private final Set<T> onStack = new HashSet<>();
        private final Deque<Frame<T>> calls = new ArrayDeque<>();
        private final List<List<T>> components = new ArrayList<>();

        Walk(Collection<T> nodes, Function<T, ? extends Collection<T>> successors) {
            this.successors = successors;
            for (T node : nodes) {
                position.putIfAbsent(node, position.size());
            }
        }

        List<List<T>> run() {
            for (T node : position.keySet().stream().sorted(Comparator.comparing(position::get)).toList()) {
                if (!index.containsKey(node)) {
                    walkFrom(node);
                }
            }
            return components;
        }

        private void walkFrom(T start) {
            visit(start);
            while (!calls.isEmpty()) {
                Frame<T> frame = calls.peek();
                if (frame.successors.hasNext()) {
                    T next = frame.successors.next();
                    if (!position.containsKey(next)) {
                        throw new IllegalArgumentException(next + " (a successor of " + frame.node
                                + ") is not a node of the graph");
                    }
                    if (!index.containsKey(next)) {
                        visit(next);
                    } else if (onStack.contains(next)) {
                        lower(frame.node, index.get(next));
                    }
                } else {
                    calls.pop();
                    if (!calls.isEmpty()) {
                        lower(calls.peek().node, lowLink.get(frame.node));
                    }
                    if (lowLink.get(frame.node).equals(index.get(frame.node))) {
                        closeComponent(frame.node);
                    }
                }
            }
        }

        private void visit(T node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            open.push(node);
            onStack.add(node);
            calls.push(new Frame<>(node, successors.apply(node).iterator()));
        }

        private void lower(T node, int value) {
            lowLink.put(node, Math.min(lowLink.get(node), value));
        }

        private void closeComponent(T root) {
            List<T> component = new ArrayList<>();
            T node;
            do {
                node = open.pop();
                onStack.remove(node);
                component.add(node);
            } while (!node.equals(root));
            component.sort(Comparator.comparing(position::get));
            components.add(List.copyOf(component));
        }
    }

    private record Frame<T>(T node, Iterator<T> successors) {
    }
}

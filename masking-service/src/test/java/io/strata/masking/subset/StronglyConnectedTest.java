package io.strata.masking.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StronglyConnectedTest {

    private static Function<String, List<String>> edges(Map<String, List<String>> graph) {
        return node -> graph.getOrDefault(node, List.of());
    }

    @Test
    void aGraphWithoutCyclesHasOneComponentPerNodeSinksFirst() {
        Map<String, List<String>> graph = Map.of("line", List.of("invoice", "track"), "invoice", List.of("customer"),
                "track", List.of("album"));
        List<List<String>> components = StronglyConnected.components(
                List.of("line", "invoice", "customer", "track", "album"), edges(graph));

        assertThat(components).hasSize(5).allMatch(component -> component.size() == 1);
        List<String> order = components.stream().map(component -> component.get(0)).toList();
        assertThat(order.indexOf("customer")).isLessThan(order.indexOf("invoice"));
        assertThat(order.indexOf("invoice")).isLessThan(order.indexOf("line"));
        assertThat(order.indexOf("album")).isLessThan(order.indexOf("track"));
        assertThat(order.indexOf("track")).isLessThan(order.indexOf("line"));
        assertThat(components).noneMatch(component -> StronglyConnected.isCycle(component, edges(graph)));
    }

    @Test
    void aThreeNodeCycleIsOneComponentAfterWhatItPointsTo() {
        Map<String, List<String>> graph = Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a", "d"),
                "e", List.of("a"));
        List<List<String>> components = StronglyConnected.components(List.of("a", "b", "c", "d", "e"),
                edges(graph));

        assertThat(components).containsExactly(List.of("d"), List.of("a", "b", "c"), List.of("e"));
        assertThat(StronglyConnected.isCycle(List.of("a", "b", "c"), edges(graph))).isTrue();
        assertThat(StronglyConnected.isCycle(List.of("d"), edges(graph))).isFalse();
    }

    @Test
    void aSelfReferenceIsACycleOfOne() {
        Map<String, List<String>> graph = Map.of("employee", List.of("employee"), "customer", List.of("employee"));
        List<List<String>> components = StronglyConnected.components(List.of("customer", "employee"), edges(graph));

        assertThat(components).containsExactly(List.of("employee"), List.of("customer"));
        assertThat(StronglyConnected.isCycle(List.of("employee"), edges(graph))).isTrue();
        assertThat(StronglyConnected.isCycle(List.of("customer"), edges(graph))).isFalse();
    }

    @Test
    void twoCyclesJoinedOneWayStaySeparateAndNestedCyclesMerge() {
        // 1 <-> 2 -> 3 -> 4 -> 5 -> 3 (3, 4, 5 a cycle), 4 -> 6 <-> 7, 2 -> 1 through 8.
        Map<Integer, List<Integer>> graph = Map.of(1, List.of(2), 2, List.of(1, 3, 8), 3, List.of(4), 4,
                List.of(5, 6), 5, List.of(3), 6, List.of(7), 7, List.of(6), 8, List.of(1));
        List<List<Integer>> components = StronglyConnected.components(List.of(1, 2, 3, 4, 5, 6, 7, 8),
                node -> graph.getOrDefault(node, List.of()));

        assertThat(components).containsExactly(List.of(6, 7), List.of(3, 4, 5), List.of(1, 2, 8));
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        int length = 200_000;
        List<Integer> nodes = IntStream.range(0, length).boxed().toList();
        // A chain 0 -> 1 -> ... -> n-1, closed into one cycle by n-1 -> 0.
        List<List<Integer>> components = StronglyConnected.components(nodes, node -> List.of((node + 1) % length));

        assertThat(components).hasSize(1);
        assertThat(components.get(0)).hasSize(length);
    }

    @Test
    void everyNodeAppearsInExactlyOneComponent() {
        Map<Integer, List<Integer>> graph = IntStream.range(0, 50).boxed()
                .collect(Collectors.toMap(node -> node, node -> List.of((node * 7 + 3) % 50, (node * 11) % 50)));
        List<List<Integer>> components = StronglyConnected.components(graph.keySet(), graph::get);

        assertThat(components.stream().flatMap(List::stream).toList()).hasSize(50)
                .containsExactlyInAnyOrderElementsOf(graph.keySet());
    }

    @Test
    void aSuccessorOutsideTheGraphIsRefused() {
        assertThatThrownBy(() -> StronglyConnected.components(List.of("a"), node -> List.of("b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b (a successor of a)");
    }
}

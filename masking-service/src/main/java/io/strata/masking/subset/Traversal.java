package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.strata.masking.subset.SubsetPlan.Direction;
import io.strata.masking.subset.SubsetRequestValidator.RootRows;
import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;

/**
 * The table-level shape of a subset, worked out from the schema and the request before any row is read: which
 * relationships are followed in which direction, in what order, which are cut, which tables are touched, and the
 * order to delete in. {@link SubsetExecutor} explains the rules; this class only applies them to tables.
 *
 * <p>
 * A table takes part in two states: rows reached <em>downward</em> (roots, and rows referencing such rows), which
 * pull in both their parents and their children, and rows reached only <em>upward</em> (parents some kept row needs),
 * which pull in their parents only. A {@link Rule} moves rows from one state to another along one relationship. The
 * rules are grouped by the strongly connected components of the state graph and the groups ordered so that every
 * rule feeding a group runs in an earlier group: each group then runs to its fixed point once, and a group that is a
 * cycle is the only place where rules repeat.
 */
final class Traversal {

    private final List<RootRows> roots;
    private final List<ForeignKey> keys;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Integer> componentOf = new HashMap<>();
    private final List<List<String>> tableComponents;
    private final Set<ForeignKey> deferred = new LinkedHashSet<>();
    private final Set<String> related = new LinkedHashSet<>();
    private final Set<State> reached = new LinkedHashSet<>();
    private final Set<Rule> rules = new LinkedHashSet<>();
    private final List<List<Rule>> schedule = new ArrayList<>();

    private Traversal(SubsetSchema schema, List<RootRows> roots, List<ForeignKey> virtualKeys,
            boolean nullDanglingOptional) {
        this.roots = List.copyOf(roots);
        List<ForeignKey> all = new ArrayList<>(schema.foreignKeys());
        all.addAll(virtualKeys);
        this.keys = List.copyOf(all);
        schema.tables().forEach(table -> tables.put(table.displayName(), table));
        tableComponents = StronglyConnected.components(tables.keySet(), this::parentsOf);
        for (int i = 0; i < tableComponents.size(); i++) {
            for (String table : tableComponents.get(i)) {
                componentOf.put(table, i);
            }
        }
        if (nullDanglingOptional) {
            keys.stream().filter(key -> key.optional() && insideCycle(key)).forEach(deferred::add);
        }
        findRelated();
        findRules();
        scheduleRules();
    }

    /** The traversal for a checked request. */
    static Traversal of(SubsetSchema schema, SubsetRequestValidator.Resolved request, boolean nullDanglingOptional) {
        return new Traversal(schema, request.roots(), request.virtualKeys(), nullDanglingOptional);
    }

    /**
     * Reads the schema, checks the request against it and works out the traversal.
     *
     * @throws SubsetError when the request does not fit the database
     */
    static Traversal prepare(Connection connection, SubsetRequest request) throws SQLException {
        SubsetSchema schema = SubsetSchema.read(connection);
        return of(schema, new SubsetRequestValidator(connection, schema).check(request),
                request.nullDanglingOptional());
    }

    private Set<String> parentsOf(String table) {
        Set<String> parents = new LinkedHashSet<>();
        keys.stream().filter(key -> key.child().displayName().equals(table))
                .forEach(key -> parents.add(key.parent().displayName()));
        return parents;
    }

    /** A relationship both ends of which lie in one strongly connected component: it is part of a cycle. */
    private boolean insideCycle(ForeignKey key) {
        return componentOf.get(key.child().displayName()).equals(componentOf.get(key.parent().displayName()));
    }

    /** Tables joined to a root by relationships in either direction: the rest is unrelated to the subset. */
    private void findRelated() {
        Deque<String> queue = new ArrayDeque<>();
        roots.forEach(root -> queue.add(root.table().displayName()));
        while (!queue.isEmpty()) {
            String table = queue.poll();
            if (related.add(table)) {
                for (ForeignKey key : keys) {
                    if (key.child().displayName().equals(table)) {
                        queue.add(key.parent().displayName());
                    }
                    if (key.parent().displayName().equals(table)) {
                        queue.add(key.child().displayName());
                    }
                }
            }
        }
    }

    /** The states the roots reach and the rules between them, in the order a breadth-first walk finds them. */
    private void findRules() {
        Deque<State> queue = new ArrayDeque<>();
        roots.forEach(root -> queue.add(new State(root.table().displayName(), true)));
        while (!queue.isEmpty()) {
            State state = queue.poll();
            if (!reached.add(state)) {
                continue;
            }
            for (ForeignKey key : keys) {
                if (state.down() && key.parent().displayName().equals(state.table())) {
                    rules.add(new Rule(key, Direction.DOWN));
                    queue.add(new State(key.child().displayName(), true));
                }
                if (key.child().displayName().equals(state.table()) && !deferred.contains(key)) {
                    rules.add(new Rule(key, Direction.UP));
                    queue.add(new State(key.parent().displayName(), false));
                }
            }
        }
    }

    /** Groups the rules by the components of the state graph, sources first. */
    private void scheduleRules() {
        Map<State, Set<State>> successors = new LinkedHashMap<>();
        reached.forEach(state -> successors.put(state, new LinkedHashSet<>()));
        for (Rule rule : rules) {
            for (State source : sourcesOf(rule)) {
                successors.get(source).add(rule.targetState());
            }
        }
        List<List<State>> components = new ArrayList<>(StronglyConnected.components(reached, successors::get));
        Collections.reverse(components);
        for (List<State> component : components) {
            List<Rule> group = rules.stream().filter(rule -> component.contains(rule.targetState())).toList();
            if (!group.isEmpty()) {
                schedule.add(group);
            }
        }
    }

    private List<State> sourcesOf(Rule rule) {
        String source = rule.source().displayName();
        if (rule.direction() == Direction.DOWN) {
            return List.of(new State(source, true));
        }
        return List.of(new State(source, true), new State(source, false)).stream().filter(reached::contains)
                .toList();
    }

    /** The roots. */
    List<RootRows> roots() {
        return roots;
    }

    /** Declared foreign keys and virtual keys. */
    List<ForeignKey> keys() {
        return keys;
    }

    /** Relationships cut: not followed upward, their dangling references set to NULL instead. */
    Set<ForeignKey> deferred() {
        return Collections.unmodifiableSet(deferred);
    }

    /** Rule groups in the order to run them; each runs to its own fixed point. */
    List<List<Rule>> schedule() {
        return schedule;
    }

    /** Whether a group of rules can feed itself (a cycle), so it must repeat until nothing changes. */
    boolean repeats(List<Rule> group) {
        Set<State> targets = new LinkedHashSet<>();
        group.forEach(rule -> targets.add(rule.targetState()));
        return group.stream().anyMatch(rule -> sourcesOf(rule).stream().anyMatch(targets::contains));
    }

    /** Tables joined to a root, children before parents: the order to delete in. */
    List<Table> related() {
        return childrenFirst(true);
    }

    /** Tables no root is joined to, children before parents. */
    List<Table> unrelated() {
        return childrenFirst(false);
    }

    private List<Table> childrenFirst(boolean joinedToARoot) {
        List<Table> order = new ArrayList<>();
        for (int i = tableComponents.size() - 1; i >= 0; i--) {
            tableComponents.get(i).stream().filter(name -> related.contains(name) == joinedToARoot)
                    .forEach(name -> order.add(tables.get(name)));
        }
        return order;
    }

    /** The cycles among the tables (strongly connected components that are cycles), each as its table names. */
    List<List<String>> cycles() {
        return tableComponents.stream().filter(component -> StronglyConnected.isCycle(component, this::parentsOf))
                .toList();
    }

    /**
     * Rows of one table in one state.
     *
     * @param table the table's name
     * @param down whether reached downward (else only upward)
     */
    record State(String table, boolean down) {
    }

    /**
     * Moving rows along a relationship: {@link Direction#UP} from kept children to the parents they reference,
     * {@link Direction#DOWN} from rows reached downward to the children referencing them.
     *
     * @param key the relationship
     * @param direction up or down
     */
    record Rule(ForeignKey key, Direction direction) {

        /** The table rows come from. */
        Table source() {
            return direction == Direction.UP ? key.child() : key.parent();
        }

        /** The table rows are added to. */
        Table target() {
            return direction == Direction.UP ? key.parent() : key.child();
        }

        /** The state rows are added to. */
        State targetState() {
            return new State(target().displayName(), direction == Direction.DOWN);
        }
    }
}

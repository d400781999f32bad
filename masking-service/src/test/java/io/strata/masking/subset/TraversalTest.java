package io.strata.masking.subset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.strata.masking.subset.SubsetPlan.Direction;
import io.strata.masking.subset.SubsetRequestValidator.Resolved;
import io.strata.masking.subset.SubsetRequestValidator.RootRows;
import io.strata.masking.subset.SubsetSchema.Column;
import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;
import io.strata.masking.subset.Traversal.Rule;

/** The table-level traversal alone, on schemas written down here: no database. */
class TraversalTest {

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<ForeignKey> keys = new ArrayList<>();

    /** A table with an {@code id} key and the given nullable ({@code ?}) or required reference columns. */
    private void table(String name, String... references) {
        List<Column> columns = new ArrayList<>(List.of(new Column("id", "integer", false)));
        for (String reference : references) {
            columns.add(new Column(reference.replace("?", ""), "integer", reference.endsWith("?")));
        }
        tables.put(name, new Table("public", name, columns, List.of("id"), 100, 8192, false));
    }

    private void key(String child, String column, String parent) {
        keys.add(new ForeignKey(child + "_" + column + "_fkey", tables.get(child), List.of(column),
                tables.get(parent), List.of("id"), true, true));
    }

    private Traversal traversal(boolean nullDanglingOptional, String... roots) {
        List<RootRows> rootRows = new ArrayList<>();
        for (String root : roots) {
            rootRows.add(new RootRows(tables.get(root), null, null));
        }
        return Traversal.of(new SubsetSchema(tables.values(), keys), new Resolved(rootRows, List.of()),
                nullDanglingOptional);
    }

    private void chinookLike() {
        table("employee", "reports_to?");
        table("customer", "support_rep_id?");
        table("invoice", "customer_id");
        table("genre");
        table("track", "genre_id?");
        table("invoice_line", "invoice_id", "track_id");
        table("playlist");
        table("playlist_track", "playlist_id", "track_id");
        table("settings");
        key("employee", "reports_to", "employee");
        key("customer", "support_rep_id", "employee");
        key("invoice", "customer_id", "customer");
        key("track", "genre_id", "genre");
        key("invoice_line", "invoice_id", "invoice");
        key("invoice_line", "track_id", "track");
        key("playlist_track", "playlist_id", "playlist");
        key("playlist_track", "track_id", "track");
    }

    private static List<String> rules(Traversal traversal) {
        return traversal.schedule().stream().flatMap(List::stream)
                .map(rule -> rule.direction() + " " + rule.source() + "->" + rule.target()).toList();
    }

    @Test
    void rowsReachedUpwardPullTheirParentsButNotTheirChildren() {
        chinookLike();
        Traversal traversal = traversal(false, "customer");

        assertThat(rules(traversal)).containsExactlyInAnyOrder("DOWN customer->invoice", "UP customer->employee",
                "DOWN invoice->invoice_line", "UP invoice->customer", "UP employee->employee",
                "UP invoice_line->invoice", "UP invoice_line->track", "UP track->genre");
        assertThat(traversal.unrelated()).extracting(Table::name).containsExactly("settings");
        assertThat(traversal.related()).extracting(Table::name).contains("playlist", "playlist_track");
    }

    @Test
    void everyRuleRunsAfterTheRulesThatFeedIt() {
        chinookLike();
        List<String> order = rules(traversal(false, "customer"));

        assertThat(order.indexOf("DOWN customer->invoice")).isLessThan(order.indexOf("DOWN invoice->invoice_line"));
        assertThat(order.indexOf("DOWN invoice->invoice_line")).isLessThan(order.indexOf("UP invoice_line->track"));
        assertThat(order.indexOf("UP invoice_line->track")).isLessThan(order.indexOf("UP track->genre"));
        assertThat(order.indexOf("UP customer->employee")).isLessThan(order.indexOf("UP employee->employee"));
    }

    @Test
    void onlyTheRulesIntoTheSelfReferenceRepeat() {
        chinookLike();
        Traversal traversal = traversal(false, "customer");

        // The group of rules into "employees reached upward": from customers (once) and from employees (a cycle).
        List<List<Rule>> repeating = traversal.schedule().stream().filter(traversal::repeats).toList();
        assertThat(repeating).singleElement().satisfies(group -> assertThat(group).extracting(
                rule -> rule.key().name()).containsExactly("customer_support_rep_id_fkey",
                        "employee_reports_to_fkey"));
        assertThat(traversal.cycles()).containsExactly(List.of("employee"));
    }

    @Test
    void childrenAreDeletedBeforeTheirParents() {
        chinookLike();
        List<String> order = traversal(false, "customer").related().stream().map(Table::name).toList();

        assertThat(order.indexOf("invoice_line")).isLessThan(order.indexOf("invoice"));
        assertThat(order.indexOf("invoice")).isLessThan(order.indexOf("customer"));
        assertThat(order.indexOf("customer")).isLessThan(order.indexOf("employee"));
        assertThat(order.indexOf("playlist_track")).isLessThan(order.indexOf("track"));
    }

    @Test
    void onlyNullableKeysInsideACycleAreCut() {
        table("a", "b_id", "parent_id?");
        table("b", "c_id");
        table("c", "a_id?", "d_id?");
        table("d");
        key("a", "b_id", "b");
        key("a", "parent_id", "a");
        key("b", "c_id", "c");
        key("c", "a_id", "a");
        key("c", "d_id", "d");

        Traversal cut = traversal(true, "b");
        Traversal whole = traversal(false, "b");

        assertThat(cut.deferred()).extracting(ForeignKey::name).containsExactlyInAnyOrder("a_parent_id_fkey",
                "c_a_id_fkey");
        assertThat(rules(cut)).doesNotContain("UP c->a", "UP a->a").contains("UP c->d", "DOWN a->a",
                "DOWN a->c");
        assertThat(whole.deferred()).isEmpty();
        assertThat(rules(whole)).contains("UP c->a", "UP a->a");
        assertThat(whole.cycles()).containsExactly(List.of("a", "b", "c"));
        assertThat(whole.schedule().stream().filter(whole::repeats).flatMap(List::stream)
                .map(Rule::direction)).contains(Direction.UP, Direction.DOWN);
    }
}

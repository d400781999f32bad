package io.strata.kubernetes.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The subset a {@link MaskedDataset} keeps of each snapshot, with referential integrity: the {@code subset} of
 * {@code POST /api/v1/masked-datasets} ({@code POST /api/v1/subset-plans} previews one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskedDatasetSubset {

    @JsonPropertyDescription("The rows to start from, at least one; every row they reference (and, for tables "
            + "below them, every row referencing them) is kept, so foreign keys still hold.")
    @Required
    private List<Root> roots;

    @JsonPropertyDescription("Relationships the schema does not declare, followed as if they were foreign keys.")
    private List<VirtualKey> virtualKeys;

    @JsonPropertyDescription("Whether a nullable foreign key inside a cycle is cut rather than followed upward: a kept "
            + "row whose parent through it is not otherwise kept gets NULL there; default false.")
    private Boolean nullDanglingOptional;

    @JsonPropertyDescription("What happens to tables no root is connected to: keep (left whole, the default) or "
            + "empty.")
    @Pattern("^(keep|empty)$")
    private String unrelated;

    public List<Root> getRoots() {
        return roots;
    }

    public void setRoots(List<Root> roots) {
        this.roots = roots;
    }

    public List<VirtualKey> getVirtualKeys() {
        return virtualKeys;
    }

    public void setVirtualKeys(List<VirtualKey> virtualKeys) {
        this.virtualKeys = virtualKeys;
    }

    public Boolean getNullDanglingOptional() {
        return nullDanglingOptional;
    }

    public void setNullDanglingOptional(Boolean nullDanglingOptional) {
        this.nullDanglingOptional = nullDanglingOptional;
    }

    public String getUnrelated() {
        return unrelated;
    }

    public void setUnrelated(String unrelated) {
        this.unrelated = unrelated;
    }

    /** Rows to start from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Root {

        @JsonPropertyDescription("A table, e.g. patients or sales.customer.")
        @Required
        private String table;

        @JsonPropertyDescription("A SQL condition on its columns, e.g. country = 'USA'; default: every row.")
        private String where;

        @JsonPropertyDescription("A share of the matching rows, more than 0 and at most 100, chosen by a hash of the "
                + "primary key so that the same database gives the same rows; default: all of them.")
        @io.fabric8.generator.annotation.Min(0)
        @io.fabric8.generator.annotation.Max(100)
        private Double percent;

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public String getWhere() {
            return where;
        }

        public void setWhere(String where) {
            this.where = where;
        }

        public Double getPercent() {
            return percent;
        }

        public void setPercent(Double percent) {
            this.percent = percent;
        }
    }

    /**
     * A relationship the schema does not declare: the table and columns ({@link Columns}) that reference
     * {@code references}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class VirtualKey extends Columns {

        @JsonPropertyDescription("The referenced table and columns, in the same order.")
        @Required
        private Columns references;

        public Columns getReferences() {
            return references;
        }

        public void setReferences(Columns references) {
            this.references = references;
        }
    }

    /** A table's columns. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Columns {

        @JsonPropertyDescription("A table, e.g. notes or sales.note.")
        @Required
        private String table;

        @JsonPropertyDescription("Its columns, in order.")
        @Required
        private List<String> columns;

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public List<String> getColumns() {
            return columns;
        }

        public void setColumns(List<String> columns) {
            this.columns = columns;
        }
    }
}

package io.strata.masking.subset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to keep: the root rows, relationships the schema does not declare, and what to do with what the roots do not
 * reach. {@link SubsetExecutor} describes what is kept from them. The bean-validation annotations check the shape; a
 * request is checked against the database (tables, columns, the {@code where} text) as it is planned or run, by a
 * {@link SubsetError} naming the field.
 *
 * @param roots the rows to start from, at least one
 * @param virtualKeys relationships to follow as if they were foreign keys; none when null
 * @param nullDanglingOptional whether a nullable foreign key inside a cycle is cut rather than followed upward: a
 *        kept row whose parent through it is not otherwise kept gets NULL in that key instead of pulling the parent
 *        in (default false: parents are pulled in)
 * @param unrelated what to do with tables no root is connected to (default {@link Unrelated#KEEP})
 */
public record SubsetRequest(@NotEmpty List<@Valid @NotNull Root> roots, List<@Valid @NotNull VirtualKey> virtualKeys,
        boolean nullDanglingOptional, Unrelated unrelated) {

    /** Defaults the optional fields; keeps null elements for the validator to name. */
    public SubsetRequest {
        roots = roots == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(roots));
        virtualKeys = virtualKeys == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(virtualKeys));
        unrelated = unrelated == null ? Unrelated.KEEP : unrelated;
    }

    /** A request with roots only, and the defaults. */
    public static SubsetRequest of(Root... roots) {
        return new SubsetRequest(List.of(roots), List.of(), false, Unrelated.KEEP);
    }

    /**
     * Rows to start from: those of {@code table} matching {@code where}, then a deterministic {@code percent} of
     * them. With neither, every row of the table.
     *
     * @param table a table name ({@code customer}, {@code sales.customer})
     * @param where a SQL condition on the table's columns ({@code country = 'USA'}); the table can be named by its
     *        own name in it; null for every row
     * @param percent a share of the rows, more than 0 and at most 100, chosen by a hash of the primary key so the
     *        same database gives the same rows; null for all of them
     */
    public record Root(@NotBlank String table, String where,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double percent) {

        /** The rows of a table matching a condition. */
        public static Root where(String table, String where) {
            return new Root(table, where, null);
        }

        /** A share of a table's rows. */
        public static Root percent(String table, double percent) {
            return new Root(table, null, percent);
        }
    }

    /**
     * A relationship the schema does not declare: {@code table(columns)} references
     * {@code references.table(references.columns)}. Followed both ways like a foreign key.
     *
     * @param table the referencing table
     * @param columns the referencing columns
     * @param references the referenced table and columns, in the same order
     */
    public record VirtualKey(@NotBlank String table, @NotEmpty List<String> columns,
            @NotNull @Valid Reference references) {

        /** Copies the columns. */
        public VirtualKey {
            columns = columns == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(columns));
        }
    }

    /**
     * The referenced side of a {@link VirtualKey}.
     *
     * @param table the referenced table
     * @param columns the referenced columns
     */
    public record Reference(@NotBlank String table, @NotEmpty List<String> columns) {

        /** Copies the columns. */
        public Reference {
            columns = columns == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(columns));
        }
    }

    /** What happens to tables that no root is connected to, through foreign keys or virtual keys. */
    public enum Unrelated {
        /** They are left whole. */
        @JsonProperty("keep")
        KEEP,
        /** They are emptied. */
        @JsonProperty("empty")
        EMPTY
    }
}

package io.strata.masking.subsetting;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.masking.subset.SubsetRequest;
import io.strata.masking.subset.SubsetRequest.Root;
import io.strata.masking.subset.SubsetRequest.VirtualKey;

/**
 * {@code POST /api/v1/subsets/plan}: what a subset of a dataset would keep, without changing it.
 *
 * @param dataset the id or name of a running PostgreSQL virtual database
 * @param root the rows to start from (the same as one entry of {@code roots})
 * @param roots the rows to start from, when there are several
 * @param virtualKeys relationships to follow as if they were foreign keys
 * @param nullDanglingOptional whether a nullable foreign key inside a cycle is cut rather than followed upward
 * @param unrelated what to do with tables no root reaches: {@code keep} (default) or {@code empty}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubsetPlanRequest(
        @NotBlank(message = "is required: the id or name of a running virtual database (GET /api/v1/vdbs)") String dataset,
        @Valid Root root, List<@Valid @NotNull Root> roots,
        List<@Valid @NotNull VirtualKey> virtualKeys, boolean nullDanglingOptional,
        SubsetRequest.Unrelated unrelated) {

    private static final Pattern ROOT_INDEX = Pattern.compile("^roots\\[(\\d+)]");

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {dataset, root: {table, where}}";

    /** The subset asked for: {@code root} first, then {@code roots}. */
    public SubsetRequest subset() {
        List<Root> all = new ArrayList<>();
        if (root != null) {
            all.add(root);
        }
        if (roots != null) {
            all.addAll(roots);
        }
        return new SubsetRequest(all, virtualKeys, nullDanglingOptional, unrelated);
    }

    /**
     * The request's name for a field the validator names by its place in {@link #subset()}: {@code roots[0]} is
     * {@code root} when the request gave one, and the other roots move down by one.
     */
    public String fieldName(String field) {
        if (root == null || !field.startsWith("roots")) {
            return field;
        }
        if (field.startsWith("roots[0]")) {
            return "root" + field.substring("roots[0]".length());
        }
        Matcher index = ROOT_INDEX.matcher(field);
        return index.find()
                ? "roots[" + (Integer.parseInt(index.group(1)) - 1) + "]" + field.substring(index.end())
                : field;
    }
}

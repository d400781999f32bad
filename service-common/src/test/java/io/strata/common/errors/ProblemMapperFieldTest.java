package io.strata.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** How a refused field of a request body is named in a problem: as the API documents it, the detail with its index. */
class ProblemMapperFieldTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure().messageInterpolator(
            new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    record Point(@NotNull String snapshot) {
    }

    record Request(@NotNull String name, @Valid Point from, List<@Pattern(regexp = "[a-z]+") String> tags,
            List<@Valid Point> points) {
    }

    /** Each refused field, as {@code field → detail path}. */
    private static Map<String, String> refused(Request request) {
        Map<String, String> named = new TreeMap<>();
        for (ConstraintViolation<Request> violation : VALIDATOR.validate(request)) {
            named.put(ProblemMapper.fieldOf(violation), ProblemMapper.pathOf(violation, true));
        }
        return named;
    }

    @Test
    void aFieldIsNamedAsInTheBodyAndTheDetailSaysWhichElement() {
        assertThat(refused(new Request(null, new Point(null), List.of("ok", "Not ok"), List.of(new Point("s"),
                new Point(null))))).containsExactlyEntriesOf(new TreeMap<>(Map.of("name", "name", "from.snapshot",
                        "from.snapshot", "tags", "tags[1]", "points.snapshot", "points[1].snapshot")));
    }
}

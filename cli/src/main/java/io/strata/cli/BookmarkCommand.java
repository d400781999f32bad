package io.strata.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata bookmark}: named, held points of data, and sharing them. */
@Command(name = "bookmark", description = "Bookmarks: named points of data (a pod's are made with `strata pod "
        + "bookmark`), held while they live, shared with users or everyone.")
final class BookmarkCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of("STATUS",
            "status"), Column.of("POD", "pod"), Column.of("OWNER", "owner"), Column.of("SHARED", "shared"),
            Column
                    .of("SHARED WITH", "sharedWith"),
            Column.of("TAGS", "tags"), Column.of("CREATED", "createdAt"), Column.of("EXPIRES", "expiresAt"));
    private static final String BOOKMARKS = "/bookmarks/";

    @Command(name = "list", description = "List the bookmarks you may see.")
    int list(@Option(names = "--shared", description = "Only shared ones.") boolean shared,
            @Option(names = "--tag", description = "Only those with this tag.") String tag) {
        StringBuilder query = new StringBuilder();
        if (shared) {
            query.append("&shared=true");
        }
        if (tag != null) {
            query.append("&tag=").append(Api.segment(tag));
        }
        return show("/bookmarks" + (query.isEmpty() ? "" : "?" + query.substring(1)), COLUMNS);
    }

    @Command(name = "show", description = "Show one bookmark.")
    int show(@Parameters(paramLabel = "BOOKMARK", description = "Its name or id.") String bookmark) {
        return show(BOOKMARKS + Api.segment(bookmark), COLUMNS);
    }

    @Command(name = "share", description = "Share a bookmark with users (--user, repeatable) or, without any, with "
            + "everyone.")
    int share(@Parameters(paramLabel = "BOOKMARK", description = "Its name or id.") String bookmark,
            @Option(names = "--user", paramLabel = "USER", description = "A user to share it with (repeatable).") List<String> users) {
        return change(bookmark, "share", new Body().with("users", users));
    }

    @Command(name = "unshare", description = "Share a bookmark with nobody (pods made of it stay).")
    int unshare(@Parameters(paramLabel = "BOOKMARK", description = "Its name or id.") String bookmark) {
        return change(bookmark, "unshare", null);
    }

    private int change(String bookmark, String operation, Body body) {
        return answer(api().call("POST", BOOKMARKS + Api.segment(bookmark) + "/" + operation, body), COLUMNS);
    }
}

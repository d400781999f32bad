package io.strata.it;

import static io.strata.testing.Api.withToken;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * SQL on a PostgreSQL virtual database as a user sees it through the router: connected where its view says, with the
 * credentials its owner gets.
 *
 * @param baseUrl the router's URL
 * @param token the user's token
 * @param vdb the virtual database's id
 */
record VdbSql(String baseUrl, String token, String vdb) {

    /** A new connection; the caller closes it. */
    Connection open() throws SQLException {
        Map<String, Object> at = withToken(token).baseUri(baseUrl).get("/api/v1/vdbs/" + vdb).then().statusCode(200)
                .extract().path("connection");
        Map<String, Object> login = withToken(token).baseUri(baseUrl).get("/api/v1/vdbs/" + vdb + "/credentials")
                .then().statusCode(200).extract().path("");
        return DriverManager.getConnection("jdbc:postgresql://" + at.get("host") + ":" + at.get("port") + "/" + at
                .get("database"), (String) login.get("user"), (String) login.get("password"));
    }

    /** Runs one statement. */
    void execute(String sql) throws SQLException {
        try (Connection connection = open()) {
            connection.createStatement().execute(sql);
        }
    }

    /** The first column of the first row of a query. */
    String text(String query) throws SQLException {
        try (Connection connection = open(); ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}

package io.strata.masking.subsetting;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.ApiException;
import io.strata.common.errors.Errors;
import io.strata.masking.job.VdbConnections;
import io.strata.masking.known.KnownVdb;
import io.strata.masking.subset.SubsetError;
import io.strata.masking.subset.SubsetPlan;
import io.strata.masking.subset.SubsetPlanner;

/**
 * Dry runs of subsets: the traversal and the rows each table would keep, computed on the dataset's database in a
 * transaction that is rolled back. The dataset is a running virtual database; a source's snapshots are planned on a
 * virtual database provisioned from them, so that the source itself is never read.
 */
@ApplicationScoped
public class SubsetPlanService {

    @Inject
    VdbConnections connections;

    /** The plan of the request on its dataset; a 400 names the field that does not fit the database. */
    public SubsetPlan plan(SubsetPlanRequest request) {
        if (request.subset().roots().isEmpty()) {
            throw ApiException.badRequest("root", "is required: the rows to start from, {table, where} or {table, "
                    + "percent}");
        }
        KnownVdb vdb = QuarkusTransaction.requiringNew().call(() -> KnownVdb.byIdOrName(request.dataset()));
        if (vdb == null) {
            throw ApiException.badRequest("dataset", "No virtual database '" + request.dataset() + "'. A subset is "
                    + "planned on a running virtual database (GET /api/v1/vdbs lists them); to plan on a source, "
                    + "provision a virtual database from its latest snapshot first (POST /api/v1/vdbs).");
        }
        if (vdb.status != KnownVdb.Status.RUNNING) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is " + vdb.status + "; start it first "
                    + "(POST /api/v1/vdbs/" + vdb.id + "/start).");
        }
        try (Connection connection = connections.toPostgres(vdb, "Subset planning").open()) {
            return new SubsetPlanner().plan(connection, request.subset());
        } catch (SubsetError e) {
            throw ApiException.badRequest(request.fieldName(e.field()), e.getMessage());
        } catch (SQLException e) {
            throw ApiException.conflict("Cannot plan on virtual database " + vdb.name + ": " + Errors.rootMessage(e));
        }
    }
}

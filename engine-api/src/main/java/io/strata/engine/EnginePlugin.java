package io.strata.engine;

/**
 * A database engine (or a plain file tree) that Strata can link, snapshot and provision. Implementations are found
 * with {@link java.util.ServiceLoader}: a jar with a {@code META-INF/services/io.strata.engine.EnginePlugin} entry on
 * the services' class path adds an engine without touching the services. Modelled on the Delphix Virtualization SDK:
 * discovery finds repositories (installed engines) and source configs (databases); linked operations keep a staging
 * copy of a source and prepare each snapshot; virtual operations run an engine on a writable clone.
 */
public interface EnginePlugin {

    /** The engine's name in the API, e.g. {@code postgresql} or {@code files}. */
    String name();

    /** The fields of a source definition ({@code POST /sources}: {@code connection}, {@code path}, ...). */
    ParameterSchema sourceParameters();

    /** The fields of a virtual database definition ({@code POST /vdbs}: port, configuration, ...). */
    ParameterSchema virtualParameters();

    /** Finding engines and databases on an environment. */
    DiscoveryOperations discovery();

    /** Keeping a staging copy of a source and preparing snapshots of it. */
    LinkedOperations linked();

    /** Running the engine on a clone. */
    VirtualOperations virtual();
}

package org.siemgo.opensearchnode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Runs one OpenSearch node inside this JVM, for the SDK's integration tests.
 *
 * <p>Usage: {@code java -Dhttp.port=9200 -Dtransport.port=9300 -cp ... Main HOME}. HOME must be a
 * fresh directory: a node that finds another run's data could mask a test that depends on an
 * empty cluster, and a stale node.lock refuses to start at all.
 */
public final class Main {

    private static final String NODE_NAME = "siem-test-node";

    /**
     * The modules of the real distribution that the tests rely on. Loaded by name so that a jar
     * missing from the classpath stops the node at once instead of surfacing later as an
     * "unknown field type" in some test far away.
     */
    private static final String[] MODULES = {
        "org.opensearch.transport.Netty4Plugin", // HTTP and transport; nothing listens without it
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "org.opensearch.painless.PainlessPlugin",
        "org.opensearch.index.mapper.MapperExtrasPlugin", // scaled_float, token_count, ...
        "org.opensearch.index.reindex.ReindexPlugin", // _reindex, _update_by_query, _delete_by_query
        "org.opensearch.ingest.common.IngestCommonPlugin", // ingest processors for ?pipeline=
        "org.opensearch.script.mustache.MustachePlugin", // {{...}} in processors, search templates
        "org.opensearch.geo.GeoModulePlugin", // geo_shape and geo aggregations
    };

    /**
     * Console only: the test scripts capture stdout into one log file, and a node that writes
     * rolling files under HOME would leave nothing useful to read after HOME is removed.
     * LogConfigurator adds %node_name to any pattern that has %marker (the marker carries the
     * [index][shard] prefixes worth keeping), so the node name is set once in main; that is
     * allowed once per JVM, which is fine with one node per JVM.
     * Deprecations also go to the header_warning appender, as in the stock configuration, so
     * that responses carry the Warning header a client sees from a real cluster.
     */
    private static final String LOG4J2_PROPERTIES = String.join(
        "\n",
        "status = error",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
        "appender.header_warning.type = HeaderWarningAppender",
        "appender.header_warning.name = header_warning",
        "rootLogger.level = info",
        "rootLogger.appenderRef.console.ref = console",
        "logger.deprecation.name = org.opensearch.deprecation",
        "logger.deprecation.level = deprecation",
        "logger.deprecation.appenderRef.console.ref = console",
        "logger.deprecation.appenderRef.header_warning.ref = header_warning",
        "logger.deprecation.additivity = false",
        ""
    );

    /** Node's constructor that accepts plugin classes from the classpath is protected. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }

        @Override
        protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
            // The listener feeds %node_and_cluster_id in log patterns, which ours does not use;
            // it may be registered only once per JVM.
        }
    }

    public static void main(String[] args) throws Exception {
        // Before anything logs, so that log4j's own configuration errors are not swallowed.
        LogConfigurator.registerErrorListener();

        String homeArg = args.length > 0 ? args[0] : System.getProperty("path.home");
        if (homeArg == null) {
            System.err.println("usage: Main HOME   (HOME: a fresh, empty directory)");
            System.exit(2);
        }
        Path home = Paths.get(homeArg).toAbsolutePath();
        Path config = Files.createDirectories(home.resolve("config"));
        Files.writeString(config.resolve("log4j2.properties"), LOG4J2_PROPERTIES, StandardCharsets.UTF_8);

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "siem-test")
            .put("node.name", NODE_NAME)
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", System.getProperty("http.port", "9200"))
            .put("transport.port", System.getProperty("transport.port", "9300-9399"))
            // CI disks are often nearly full; the flood-stage watermark would turn every
            // index read-only and make bulk tests fail for reasons unrelated to the SDK.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // The machine is shared with the test process; size thread pools for it.
            .put("node.processors", Integer.getInteger("node.processors", 2))
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> NODE_NAME);
        LogConfigurator.setNodeName(NODE_NAME);
        // From here on System.out and System.err are redirected into log4j.
        LogConfigurator.configure(environment);
        Logger logger = LogManager.getLogger(Main.class);

        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : MODULES) {
            plugins.add(Class.forName(name).asSubclass(Plugin.class));
        }

        Node node = new ClasspathNode(environment, plugins);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM from stop.sh: close cleanly so the node releases its lock and flushes.
            try {
                node.close();
                node.awaitClose(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                logger.warn("closing the node failed", e);
            } finally {
                closed.countDown();
            }
        }, "siem-test-node-shutdown"));

        try {
            node.start();
        } catch (Exception e) {
            // Most often a port in use; one clear line for start.sh's log tail, then the
            // shutdown hook closes what was already started.
            logger.error("node failed to start: {}", e.toString(), e);
            System.exit(1);
        }
        logger.info("siem-test node ready: http://127.0.0.1:{} (home {})",
            node.settings().get("http.port"), home);

        // Node's threads are daemons except where Bootstrap adds a keep-alive thread; this is
        // that thread. The shutdown hook, not this wait, decides when the JVM ends.
        closed.await();
    }
}

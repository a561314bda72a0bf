package tracuu.solr;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * One SolrCloud node of a dev cluster, in its own JVM, bound to 127.0.0.1.
 *
 * <p>Usage: {@code DevNode --port P --home DIR --zk-host HOST:PORT [--embed-zk]}. With
 * {@code --embed-zk} this JVM first starts a standalone ZooKeeper on the zk-host's port (data
 * in DIR/zookeeper). It prints {@code READY <url>} once the node is up, and runs until it is
 * stopped (SIGTERM/SIGINT stop Jetty, then ZooKeeper).
 */
public final class DevNode {
  private DevNode() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(option(args, "--port"));
    Path home = Path.of(option(args, "--home")).toAbsolutePath();
    String zkHost = option(args, "--zk-host");
    boolean embedZk = hasFlag(args, "--embed-zk");
    quietDefaults(home);
    try {
      run(port, home, zkHost, embedZk);
    } catch (Exception e) {
      System.err.println("FAILED " + e);
      System.exit(1);
    }
  }

  private static void run(int port, Path home, String zkHost, boolean embedZk) throws Exception {

    ServerCnxnFactory zk = embedZk ? startZooKeeper(home.resolve("zookeeper"), zkHost) : null;
    JettySolrRunner node = startNode(home.resolve("node"), port, zkHost);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopQuietly(node, zk);
                  stopped.countDown();
                }));
    System.out.println("READY " + node.getBaseUrl());
    System.out.flush();
    stopped.await();
  }

  /** System properties Solr's own benchmark sets outside JUnit, and logs to a file. */
  private static void quietDefaults(Path home) {
    System.setProperty("doNotWaitForMergesOnIWClose", "true");
    System.setProperty("pkiHandlerPrivateKeyPath", "");
    System.setProperty("pkiHandlerPublicKeyPath", "");
    System.setProperty("solr.log.dir", home.toString());
    System.setProperty("host", "127.0.0.1");
    System.setProperty("solr.disableDefaultJmxReporter", "true");
    System.setProperty("zookeeper.admin.enableServer", "false");
  }

  private static ServerCnxnFactory startZooKeeper(Path dir, String zkHost) throws Exception {
    File data = dir.toFile();
    Files.createDirectories(dir);
    int zkPort = Integer.parseInt(zkHost.substring(zkHost.lastIndexOf(':') + 1));
    ZooKeeperServer server = new ZooKeeperServer(data, data, 2000);
    ServerCnxnFactory factory =
        ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", zkPort), 200);
    factory.startup(server);
    return factory;
  }

  private static JettySolrRunner startNode(Path home, int port, String zkHost) throws Exception {
    Files.createDirectories(home.resolve("cores"));
    Path solrXml = home.resolve("solr.xml");
    Files.writeString(solrXml, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, StandardCharsets.UTF_8);
    Properties props = new Properties();
    props.setProperty("zkHost", zkHost);
    props.setProperty("hostPort", Integer.toString(port));
    props.setProperty("hostContext", "/solr");
    props.setProperty("coreRootDirectory", home.resolve("cores").toString());
    JettyConfig config =
        JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(false).build();
    JettySolrRunner node = new JettySolrRunner(home.toString(), props, config);
    node.start();
    if (node.getCoreContainer() == null || node.getCoreContainer().isShutDown()) {
      throw new IllegalStateException("Solr did not start; see " + home.getParent() + "/solr.log");
    }
    return node;
  }

  private static void stopQuietly(JettySolrRunner node, ServerCnxnFactory zk) {
    try {
      node.stop();
    } catch (Exception e) {
      System.err.println("stopping Solr: " + e);
    }
    if (zk != null) {
      zk.shutdown();
    }
  }

  private static String option(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    throw new IllegalArgumentException("missing " + name);
  }

  private static boolean hasFlag(String[] args, String name) {
    for (String arg : args) {
      if (arg.equals(name)) {
        return true;
      }
    }
    return false;
  }
}

package live.redcloud.examples.cluster;

/** Command-line settings of a cluster run. */
final class ClusterSettings {

    int instances = 3;
    int messages = 200;
    /** Seconds between two SIGKILLs of a random instance; 0: no kills. */
    double killEvery = 10;

    double routeFailureRate = 0.05;
    double duplicateRate = 0.05;
    long seed = 1;
    /** Sends per second: spreads the run so that kills and the database restart happen while events flow. */
    double rate = 100;
    /** One inbound message per this many sends. */
    int inboundEvery = 10;

    /**
     * Red Cloud's clock against ours: its 1/5/15/60-minute redeliveries and a 30 s lease are multiplied by this, so
     * that they keep their real proportions to an instance's restart (a JVM starting in ~3 s is a pod back in ~60 s at
     * 0.05). 0.005 made the whole 81-minute schedule 24 s, shorter than a few restarts.
     */
    double timeScale = 0.05;
    /** {@code event-store}: the component's PostgresEventStore; {@code camel-sql}: camel-sql's two repositories. */
    String stores = "event-store";

    boolean restartDatabase = true;
    /** A claim's lease: 30 s at Red Cloud's scale, at least 1 s (the keep-alive must have time to run). */
    long leaseMillis() {
        return Math.max(1000, Math.round(30_000 * timeScale));
    }

    /** The whole run, start to summary, never takes longer than this. */
    int timeoutSeconds = 600;

    static ClusterSettings parse(String[] args) {
        ClusterSettings s = new ClusterSettings();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--no-database-restart")) {
                s.restartDatabase = false;
                continue;
            }
            if (flag.equals("--help")) {
                throw new IllegalArgumentException("usage: java -jar redcloud-cluster.jar [--instances N]"
                        + " [--messages M] [--kill-every SECONDS] [--route-failure-rate R] [--duplicate-rate D]"
                        + " [--seed S] [--rate SENDS_PER_SECOND] [--inbound-every K] [--no-database-restart]"
                        + " [--time-scale F] [--stores event-store|camel-sql] [--timeout SECONDS]");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--instances" -> s.instances = Integer.parseInt(value);
                case "--messages" -> s.messages = Integer.parseInt(value);
                case "--kill-every" -> s.killEvery = Double.parseDouble(value);
                case "--route-failure-rate" -> s.routeFailureRate = Double.parseDouble(value);
                case "--duplicate-rate" -> s.duplicateRate = Double.parseDouble(value);
                case "--seed" -> s.seed = Long.parseLong(value);
                case "--rate" -> s.rate = Double.parseDouble(value);
                case "--inbound-every" -> s.inboundEvery = Integer.parseInt(value);
                case "--timeout" -> s.timeoutSeconds = Integer.parseInt(value);
                case "--time-scale" -> s.timeScale = Double.parseDouble(value);
                case "--stores" -> s.stores = value;
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
            }
        }
        if (s.instances < 1 || s.messages < 1 || s.rate <= 0 || s.timeScale <= 0) {
            throw new IllegalArgumentException("--instances, --messages, --rate and --time-scale must be positive");
        }
        if (!s.stores.equals("event-store") && !s.stores.equals("camel-sql")) {
            throw new IllegalArgumentException("--stores is event-store or camel-sql, was " + s.stores);
        }
        return s;
    }
}

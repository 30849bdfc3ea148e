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

    boolean restartDatabase = true;
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
                        + " [--timeout SECONDS]");
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
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
            }
        }
        if (s.instances < 1 || s.messages < 1 || s.rate <= 0) {
            throw new IllegalArgumentException("--instances, --messages and --rate must be positive");
        }
        return s;
    }
}

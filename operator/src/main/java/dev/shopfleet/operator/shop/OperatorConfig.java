package dev.shopfleet.operator.shop;

import dev.shopfleet.operator.api.TracingSpec;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The operator installation's configuration (application.properties, overridden by the install's environment). */
@ConfigMapping(prefix = "shopfleet")
public interface OperatorConfig {
    Images images();

    Database database();

    LeaderElection leaderElection();

    Ingress ingress();

    Tracing tracing();

    /** The most writes the operator has in flight: the threads that send shops' objects to the API server (ShopApplies). */
    @WithDefault("50")
    int applyThreads();

    interface Tracing {
        /** The OTLP/HTTP endpoint of the collector shops send traces to unless their spec names one. */
        Optional<String> endpoint();

        /** The namespace that collector runs in (the shops' traffic policy lets spans go there). */
        Optional<String> namespace();
    }

    interface Ingress {
        /**
         * The IngressClasses a shop may name in spec.route.ingressClassName; when unset, only the cluster's default
         * class (a shop that names none gets it too). A platform team lists more to let tenants choose.
         */
        Optional<List<String>> allowedClasses();
    }

    interface Images {
        /** Where shop images come from when a ShopPlatform does not say. */
        String registry();

        /** The shop version that goes with this operator. */
        String tag();
    }

    interface Database {
        /** The image managed databases run. */
        String image();
    }

    interface LeaderElection {
        /** Where the Lease lives when the operator does not run in a pod (in a pod: its own namespace). */
        Optional<String> namespace();

        /**
         * How long the Lease holds without renewal: how soon a standby takes over from a leader that died. The leader
         * renews within two thirds of it, or steps down.
         */
        @WithDefault("15s")
        Duration leaseDuration();
    }

    default OperatorDefaults defaults() {
        Optional<TracingSpec> tracing = tracing().endpoint().flatMap(endpoint -> tracing().namespace()
                .map(namespace -> new TracingSpec(endpoint, namespace)));
        return new OperatorDefaults(images().registry(), images().tag(), database().image(), leaderElection().namespace(),
                tracing);
    }
}

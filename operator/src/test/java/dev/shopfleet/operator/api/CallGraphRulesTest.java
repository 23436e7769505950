package dev.shopfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admission rules on spec.services are the contract's required calls: no more, no fewer. */
class CallGraphRulesTest {
    private final List<ValidationRule> rules = Arrays.asList(ServicesSpec.class.getAnnotationsByType(ValidationRule.class));

    @Test
    void everyRequiredCallHasARuleNamingCallerAndCallees() {
        for (ShopService caller : ShopService.values()) {
            if (caller.requires().isEmpty()) {
                continue;
            }
            String callerEnabled = enabled(caller);
            assertThat(rules).as("a rule for %s's required calls", caller.id()).anySatisfy(rule -> {
                assertThat(rule.value()).startsWith("!" + callerEnabled);
                caller.requires().forEach(callee -> assertThat(rule.value()).contains(enabled(callee)));
                caller.requires().forEach(callee -> assertThat(rule.message()).contains(callee.id()));
            });
        }
    }

    @Test
    void thereIsNoRuleForACallerWithoutRequirements() {
        long callers = Arrays.stream(ShopService.values()).filter(s -> !s.requires().isEmpty()).count();
        assertThat(rules).hasSize((int) callers);
    }

    private static String enabled(ShopService service) {
        String id = service.id();
        return "(!has(self." + id + ") || !has(self." + id + ".enabled) || self." + id + ".enabled)";
    }
}

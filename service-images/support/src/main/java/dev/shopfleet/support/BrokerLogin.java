package dev.shopfleet.support;

import dev.shopfleet.contract.BrokerContract;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;

/**
 * Answers the Kafka client's SCRAM login with the service's broker credentials, read from the environment the operator
 * sets. The password is data, as the database's ({@link DatabasePassword}): put into a JAAS configuration string, a
 * quote in an external broker's password would end the string and the rest would be read as configuration.
 */
public final class BrokerLogin implements AuthenticateCallbackHandler {
    private String username = "";
    private char[] password = new char[0];

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        Map<String, String> env = System.getenv();
        username = env.getOrDefault(BrokerContract.ENV_USERNAME, "");
        password = env.getOrDefault(BrokerContract.ENV_PASSWORD, "").toCharArray();
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(username);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password);
            } else {
                // SCRAM's extensions callback among them: the client then sends none
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
    }
}

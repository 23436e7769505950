package dev.shopfleet.users;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.JsonAssert;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** users as a real process on a real PostgreSQL. */
class UsersServiceTest {
    private static PostgresServer.Database db;
    private static ServiceProcess users;
    private static Http http;

    @BeforeAll
    static void start() {
        db = PostgresServer.shared().createDatabase("users_test");
        users = ServiceProcess.start(ShopService.USERS, env());
        http = users.http();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(db.env());
        env.put(ShopContract.ENV_ADMIN_EMAILS, "Boss@Shop.test");
        return env;
    }

    @AfterAll
    static void stop() {
        users.close();
    }

    @Test
    void registerThenLogInAndTheTokenVerifiesWithThePublishedKeysOnly() throws Exception {
        HttpResponse<String> registered = http.post("/users", "{\"email\":\"Ada@Shop.test\",\"password\":\"correct horse\",\"name\":\"Ada\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThatJson(registered.body()).has("email", "ada@shop.test").doesNotContainText("password");
        assertThat(http.post("/users", "{\"email\":\"ada@shop.test\",\"password\":\"another one\",\"name\":\"Ada 2\"}").statusCode())
                .isEqualTo(409);

        String token = token("ada@shop.test", "correct horse");
        String jwks = http.get(ShopContract.USERS_KEYS_PATH).body();
        assertThatJson(jwks).has("kty", "RSA");
        assertThat(JsonAssert.parse(jwks).findValue("d")).as("no private exponent").isNull();
        assertThat(JsonAssert.parse(jwks).findValue("p")).as("no private prime").isNull();
        RSAKey publicKey = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier(publicKey))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getClaim("email")).isEqualTo("ada@shop.test");

        assertThatJson(http.get("/users/me", "Authorization", Http.bearer(token)).body()).has("name", "Ada");
        assertThat(http.put("/users/me", "{\"name\":\"Ada L.\"}", "Authorization", Http.bearer(token)).body()).contains("Ada L.");
        assertThat(http.get("/users/me").statusCode()).isEqualTo(401);
        assertThat(http.get("/users/me", "Authorization", Http.bearer(token.substring(0, token.length() - 4) + "AAAA")).statusCode())
                .as("a forged signature").isEqualTo(401);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() throws Exception {
        http.post("/users", "{\"email\":\"hash@shop.test\",\"password\":\"plain text secret\",\"name\":\"H\"}");
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT password_hash FROM app_user WHERE email = 'hash@shop.test'")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("$2a$10$").doesNotContain("plain text secret");
        }
    }

    @Test
    void repeatedFailedLoginsLockTheAccount() {
        http.post("/users", "{\"email\":\"eve@shop.test\",\"password\":\"right password\",\"name\":\"Eve\"}");
        for (int i = 0; i < UserService.FAILURES_BEFORE_LOCKOUT; i++) {
            HttpResponse<String> wrong = http.post("/login", "{\"email\":\"eve@shop.test\",\"password\":\"guess " + i + "\"}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("email or password is wrong");
        }
        HttpResponse<String> locked = http.post("/login", "{\"email\":\"eve@shop.test\",\"password\":\"right password\"}");
        assertThat(locked.statusCode()).as("locked even with the right password").isEqualTo(429);
        assertThat(locked.body()).contains("locked for");
        assertThat(http.post("/login", "{\"email\":\"nobody@shop.test\",\"password\":\"whatever1\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIs400() {
        for (String body : new String[] {"{\"email\":\"not-an-email\",\"password\":\"long enough\",\"name\":\"X\"}",
                "{\"email\":\"short@shop.test\",\"password\":\"short\",\"name\":\"X\"}", "{\"email\":\"x@shop.test\"}", "[]"}) {
            HttpResponse<String> r = http.post("/users", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        }
    }

    @Test
    void configuredAdminsGetTheAdminRoleAndTheKeySurvivesARestart() throws Exception {
        http.post("/users", "{\"email\":\"boss@shop.test\",\"password\":\"admin password\",\"name\":\"Boss\"}");
        String token = token("boss@shop.test", "admin password");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admin");
        String keys = http.get(ShopContract.USERS_KEYS_PATH).body();
        try (ServiceProcess second = ServiceProcess.start(ShopService.USERS, env())) {
            Http other = second.http();
            assertThat(other.get(ShopContract.USERS_KEYS_PATH).body()).as("the same key after a restart").isEqualTo(keys);
            assertThat(other.get("/users/me", "Authorization", Http.bearer(token)).statusCode()).isEqualTo(200);
        }
    }

    private static String token(String email, String password) {
        HttpResponse<String> login = http.post("/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}

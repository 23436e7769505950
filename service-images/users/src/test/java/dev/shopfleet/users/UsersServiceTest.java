package dev.shopfleet.users;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** users as a real process on a real PostgreSQL. */
class UsersServiceTest {
    private static PostgresServer.Database db;
    private static ServiceProcess users;
    private static Http http;
    private static final String INVITATION = "the-shops-invitation";

    @BeforeAll
    static void start() {
        db = PostgresServer.shared().createDatabase("users_test");
        users = ServiceProcess.start(ShopService.USERS, env());
        http = users.http();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(db.env());
        env.put(ShopContract.ENV_ADMIN_EMAILS, "Boss@Shop.test, early@shop.test");
        env.put(ShopContract.ENV_ADMIN_INVITATION, INVITATION);
        return env;
    }

    @AfterAll
    static void stop() {
        users.close();
    }

    @Test
    void registerThenLogInAndTheTokenVerifiesWithThePublishedKeysOnly() throws Exception {
        HttpResponse<String> registered = http.post("/users", "{\"email\":\"Ada@Shop.test\",\"password\":\"correct horse\",\"name\":\"Ada\"}");
        assertThat(registered.statusCode()).isEqualTo(202);
        assertThatJson(registered.body()).has("email", "ada@shop.test").doesNotContainText("password");
        HttpResponse<String> again = http.post("/users", "{\"email\":\"ada@shop.test\",\"password\":\"another one\",\"name\":\"Ada 2\"}");
        assertThat(again.statusCode()).as("a known e-mail answers as a new one").isEqualTo(202);
        assertThat(again.body()).isEqualTo(registered.body());
        assertThat(http.post("/login", "{\"email\":\"ada@shop.test\",\"password\":\"another one\"}").statusCode())
                .as("the second registration changed nothing").isEqualTo(401);

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
    void repeatedFailedLoginsLockTheAccountAndLockedUnknownAndWrongLookTheSame() {
        http.post("/users", "{\"email\":\"eve@shop.test\",\"password\":\"right password\",\"name\":\"Eve\"}");
        HttpResponse<String> unknown = http.post("/login", "{\"email\":\"nobody@shop.test\",\"password\":\"whatever1\"}");
        assertThat(unknown.statusCode()).isEqualTo(401);
        for (int i = 0; i < UserService.FAILURES_BEFORE_LOCKOUT; i++) {
            HttpResponse<String> wrong = http.post("/login", "{\"email\":\"eve@shop.test\",\"password\":\"guess " + i + "\"}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(sansRequestId(wrong)).as("a wrong password answers as an unknown e-mail").isEqualTo(sansRequestId(unknown));
        }
        HttpResponse<String> locked = http.post("/login", "{\"email\":\"eve@shop.test\",\"password\":\"right password\"}");
        assertThat(locked.statusCode()).as("locked even with the right password").isEqualTo(401);
        assertThat(sansRequestId(locked)).as("a locked account answers as an unknown e-mail").isEqualTo(sansRequestId(unknown));
    }

    private static String sansRequestId(HttpResponse<String> response) {
        return response.body().replaceAll("\"requestId\":\"[^\"]*\"", "");
    }

    @Test
    void parallelGuessesCannotExceedTheLimit() throws Exception {
        http.post("/users", "{\"email\":\"mallory@shop.test\",\"password\":\"right password\",\"name\":\"M\"}");
        int guesses = 4 * UserService.FAILURES_BEFORE_LOCKOUT;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        List<Future<Integer>> answers = IntStream.range(0, guesses).mapToObj(i -> pool.submit(() -> http.post("/login",
                "{\"email\":\"mallory@shop.test\",\"password\":\"guess " + i + "\"}").statusCode())).toList();
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(401);
        }
        pool.shutdown();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT failed_logins, locked_until > now() FROM app_user WHERE email = 'mallory@shop.test'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("passwords checked of " + guesses + " parallel guesses")
                    .isEqualTo(UserService.FAILURES_BEFORE_LOCKOUT);
            assertThat(rs.getBoolean(2)).as("locked").isTrue();
        }
    }

    @Test
    void aTokenSignedWithTheShopsKeyIsRefusedWhenItNamesAnotherIssuerOrAudience() throws Exception {
        http.post("/users", "{\"email\":\"claims@shop.test\",\"password\":\"right password\",\"name\":\"C\"}");
        JWTClaimsSet issued = SignedJWT.parse(token("claims@shop.test", "right password")).getJWTClaimsSet();
        RSAKey key;
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT jwk FROM signing_key")) {
            rs.next();
            key = RSAKey.parse(rs.getString(1));
        }
        assertThat(me(resign(issued, issued, key)).statusCode()).as("the same claims, re-signed").isEqualTo(200);
        JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(issued).audience("shopfleet.dev/other/shop/shoppers").build();
        assertThat(me(resign(issued, otherAudience, key)).statusCode()).as("another audience").isEqualTo(401);
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder(issued).issuer("shopfleet.dev/other/shop/users").build();
        assertThat(me(resign(issued, otherIssuer, key)).statusCode()).as("another issuer").isEqualTo(401);
        JWTClaimsSet noAudience = new JWTClaimsSet.Builder(issued).audience((String) null).build();
        assertThat(me(resign(issued, noAudience, key)).statusCode()).as("no audience").isEqualTo(401);
    }

    private static String resign(JWTClaimsSet issued, JWTClaimsSet claims, RSAKey key) throws Exception {
        assertThat(issued.getIssuer()).endsWith("/shop/users");
        assertThat(issued.getAudience()).singleElement().asString().endsWith("/shop/shoppers");
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> me(String token) {
        return http.get("/users/me", "Authorization", Http.bearer(token));
    }

    /** Nobody becomes admin by registering first with an admin's address: the operator's invitation decides. */
    @Test
    void anAdminAddressWithoutTheInvitationIsAShopper() throws Exception {
        http.post("/users", "{\"email\":\"early@shop.test\",\"password\":\"squatter password\",\"name\":\"Eve\","
                + "\"invitation\":\"a guess\"}");
        String token = token("early@shop.test", "squatter password");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles")).isEmpty();
    }

    /** Found by ApiFuzzTest (schemathesis): each was a 500. */
    @Test
    void whatTheFuzzerFoundIsRefusedAsAProblemOrWorks() {
        String longPassword = "ü".repeat(60); // 120 bytes: more than bcrypt reads
        assertThat(http.post("/users", "{\"email\":\"long@shop.test\",\"password\":\"" + longPassword + "\",\"name\":\"L\"}")
                .statusCode()).isEqualTo(202);
        token("long@shop.test", longPassword);
        assertThat(http.post("/login", "{\"email\":\"long@shop.test\",\"password\":\"" + "ü".repeat(59) + "x\"}").statusCode())
                .as("the bytes past 72 count too").isEqualTo(401);
        for (String[] request : new String[][] {
                {"/users", "{\"email\":\"nul@shop.test\",\"password\":\"long enough\",\"name\":\"a\\u0000b\"}"},
                {"/login", "{\"email\":\"a\\u0000@shop.test\",\"password\":\"long enough\"}"}}) {
            HttpResponse<String> r = http.post(request[0], request[1]);
            assertThat(r.statusCode()).as(request[1]).isEqualTo(400);
            assertThat(r.body()).contains("control characters");
        }
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
        http.post("/users", "{\"email\":\"boss@shop.test\",\"password\":\"admin password\",\"name\":\"Boss\","
                + "\"invitation\":\"" + INVITATION + "\"}");
        String token = token("boss@shop.test", "admin password");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admin");
        String keys = http.get(ShopContract.USERS_KEYS_PATH).body();
        Map<String, String> noAdmins = env();
        noAdmins.remove(ShopContract.ENV_ADMIN_EMAILS);
        try (ServiceProcess second = ServiceProcess.start(ShopService.USERS, noAdmins)) {
            Http other = second.http();
            assertThat(other.get(ShopContract.USERS_KEYS_PATH).body()).as("the same key after a restart").isEqualTo(keys);
            assertThat(other.get("/users/me", "Authorization", Http.bearer(token)).statusCode()).isEqualTo(200);
            HttpResponse<String> login = other.post("/login", "{\"email\":\"boss@shop.test\",\"password\":\"admin password\"}");
            assertThatJson(login.body()).as("no longer an admin once the shop's settings say so").doesNotContainText("admin\"");
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

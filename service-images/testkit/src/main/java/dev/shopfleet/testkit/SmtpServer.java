package dev.shopfleet.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.shopfleet.contract.ShopContract;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) on loopback that can be stopped and started again on the same port. */
public final class SmtpServer implements AutoCloseable {
    private final ServerSetup setup = new ServerSetup(PostgresServer.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private GreenMail server;

    public SmtpServer() {
        start();
    }

    public synchronized void start() {
        server = new GreenMail(setup);
        server.start();
    }

    public synchronized void stop() {
        server.stop();
    }

    /** What notifications needs to send here. */
    public Map<String, String> env() {
        return Map.of(ShopContract.ENV_SMTP_HOST, "127.0.0.1", ShopContract.ENV_SMTP_PORT, Integer.toString(setup.getPort()));
    }

    public synchronized List<MimeMessage> messagesTo(String recipient) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> recipientOf(m).equals(recipient)).toList();
    }

    /** The plain-text body, wherever it sits in the message's parts. */
    public static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(text(multipart.getBodyPart(i)));
                }
                return text.toString();
            }
            return "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipientOf(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}

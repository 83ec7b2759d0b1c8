package cn.fucai.cms.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request sent on a raw socket, byte for byte as given, for what HTTP clients never send: no Host, a request line
 * with raw UTF-8 or GBK bytes, characters they would percent-encode.
 */
public final class RawHttp {

    private RawHttp() {}

    /** The answer: its status, its headers by lower-case name, and its body as UTF-8. */
    public record Answer(int status, Map<String, String> headers, String body) {

        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
        }
    }

    /** Sends a request written as text, in UTF-8; an HTTP/1.1 one is asked to close the connection after it. */
    public static Answer send(URL server, String request) throws IOException {
        String closing =
                request.contains("HTTP/1.1") ? request.replaceFirst("\r\n", "\r\nConnection: close\r\n") : request;
        return send(server, closing.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends these bytes as they are and reads the answer until the server closes the connection. */
    public static Answer send(URL server, byte[] request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return Answer.parse(all.toString(StandardCharsets.UTF_8));
        }
    }
}
